#include "walkthroughpanel.h"

#include "graph/graphpalette.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QtConcurrent>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Revscope {

namespace {

constexpr int kDefaultIntervalSeconds = 4;
constexpr int kMaxIntervalSeconds = 30;
constexpr int kMaxListedChanges = 25;

// Escaped text with `code` spans set in the monospace font.
QString richText(const QString &plain)
{
    static const QRegularExpression code(QStringLiteral("`([^`]+)`"));
    return plain.toHtmlEscaped().replace(code, QStringLiteral("<code>\\1</code>"));
}

// "2025-10-14 16:18:44.052387" reads better without the microseconds.
QString displayDate(const QString &createDate)
{
    static const QRegularExpression fraction(QStringLiteral("(\\d:\\d\\d)\\.\\d+"));
    return QString(createDate).replace(fraction, QStringLiteral("\\1"));
}

QToolButton *makeButton(QWidget *parent, const QString &text, const QString &toolTip, bool showText)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setAutoRaise(true);
    button->setToolButtonStyle(showText ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly);
    return button;
}

// The style's media icons are black on every theme: these are drawn in the
// palette's button text colour instead, so they read on dark themes too.
enum class Glyph { First, Previous, Play, Pause, Next, Last };

QPixmap glyphPixmap(Glyph glyph, const QColor &colour, qreal ratio)
{
    constexpr int size = 16;
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    auto triangle = [&painter](qreal left, qreal right) {
        // Points right when left < right.
        const QPointF points[] = {{left, 3.0}, {right, 8.0}, {left, 13.0}};
        painter.drawPolygon(points, 3);
    };
    switch (glyph) {
    case Glyph::First:
        painter.drawRect(QRectF(3, 3, 2, 10));
        triangle(13, 5);
        break;
    case Glyph::Previous:
        triangle(8, 2);
        triangle(14, 8);
        break;
    case Glyph::Play:
        triangle(4, 13);
        break;
    case Glyph::Pause:
        painter.drawRect(QRectF(4, 3, 3, 10));
        painter.drawRect(QRectF(9, 3, 3, 10));
        break;
    case Glyph::Next:
        triangle(2, 8);
        triangle(8, 14);
        break;
    case Glyph::Last:
        triangle(3, 11);
        painter.drawRect(QRectF(11, 3, 2, 10));
        break;
    }
    return pixmap;
}

QIcon glyphIcon(Glyph glyph, const QWidget *widget)
{
    const QPalette &palette = widget->palette();
    const qreal ratio = widget->devicePixelRatioF();
    QIcon icon;
    icon.addPixmap(glyphPixmap(glyph, palette.color(QPalette::Active, QPalette::ButtonText), ratio),
                   QIcon::Normal);
    icon.addPixmap(
        glyphPixmap(glyph, palette.color(QPalette::Disabled, QPalette::ButtonText), ratio),
        QIcon::Disabled);
    return icon;
}

} // namespace

WalkthroughPanel::WalkthroughPanel(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    m_timer = new QTimer(this);
    m_timer->setInterval(kDefaultIntervalSeconds * 1000);
    connect(m_timer, &QTimer::timeout, this, &WalkthroughPanel::advance);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &WalkthroughPanel::onStepsComputed);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);

    // The card.
    m_card = new QWidget;
    auto *card = new QVBoxLayout(m_card);
    card->setContentsMargins(6, 4, 6, 4);
    card->setSpacing(4);
    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    m_id = new QLabel(m_card);
    QFont idFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    idFont.setBold(true);
    m_id->setFont(idFont);
    m_id->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_id);
    m_chips = new QHBoxLayout;
    m_chips->setSpacing(4);
    header->addLayout(m_chips);
    header->addStretch(1);
    card->addLayout(header);

    m_message = new QLabel(m_card);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont messageFont = m_message->font();
    messageFont.setBold(true);
    m_message->setFont(messageFont);
    card->addWidget(m_message);

    m_meta = new QLabel(m_card);
    m_meta->setWordWrap(true);
    m_meta->setTextFormat(Qt::RichText);
    m_meta->setTextInteractionFlags(Qt::LinksAccessibleByMouse);
    connect(m_meta, &QLabel::linkActivated, this, [this] {
        if (m_current >= 0) {
            const WalkthroughStep &step = m_steps.at(m_current);
            Q_EMIT fileActivated(step.file, step.line);
        }
    });
    card->addWidget(m_meta);

    m_changesTitle = new QLabel(tr("What it changes"), m_card);
    QFont titleFont = m_changesTitle->font();
    titleFont.setBold(true);
    m_changesTitle->setFont(titleFont);
    card->addWidget(m_changesTitle);
    m_changes = new QLabel(m_card);
    m_changes->setWordWrap(true);
    m_changes->setTextFormat(Qt::RichText);
    m_changes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    card->addWidget(m_changes);

    m_explanations = new QLabel(m_card);
    m_explanations->setWordWrap(true);
    m_explanations->setTextFormat(Qt::RichText);
    m_explanations->setTextInteractionFlags(Qt::TextSelectableByMouse);
    card->addWidget(m_explanations);
    card->addStretch(1);

    m_placeholder = new QLabel(m_card);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    card->addWidget(m_placeholder);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_card);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    layout->addWidget(m_scroll, 1);

    // The controls.
    auto *controls = new QHBoxLayout;
    controls->setSpacing(2);
    m_first = makeButton(this, tr("First"), tr("First revision (Home)"), false);
    m_previous = makeButton(this, tr("Previous"), tr("Previous revision (Left)"), true);
    m_play = makeButton(this, tr("Play"), tr("Play the walkthrough (Space)"), true);
    m_next = makeButton(this, tr("Next"), tr("Next revision (Right)"), true);
    m_last = makeButton(this, tr("Last"), tr("Last revision (End)"), false);
    connect(m_first, &QToolButton::clicked, this, &WalkthroughPanel::first);
    connect(m_previous, &QToolButton::clicked, this, &WalkthroughPanel::previous);
    connect(m_play, &QToolButton::clicked, this, &WalkthroughPanel::togglePlay);
    connect(m_next, &QToolButton::clicked, this, &WalkthroughPanel::next);
    connect(m_last, &QToolButton::clicked, this, &WalkthroughPanel::last);
    for (QToolButton *button : {m_first, m_previous, m_play, m_next, m_last}) {
        controls->addWidget(button);
    }
    controls->addSpacing(6);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setMinimum(0);
    m_slider->setPageStep(5);
    m_slider->setToolTip(tr("Position in the history"));
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) { goTo(value, true); });
    controls->addWidget(m_slider, 1);
    controls->addSpacing(6);
    m_position = new QLabel(this);
    controls->addWidget(m_position);
    controls->addSpacing(6);
    auto *every = new QLabel(tr("Every"), this);
    controls->addWidget(every);
    m_interval = new QSpinBox(this);
    m_interval->setRange(1, kMaxIntervalSeconds);
    m_interval->setValue(kDefaultIntervalSeconds);
    m_interval->setSuffix(tr(" s"));
    m_interval->setToolTip(tr("Seconds between revisions when playing"));
    every->setBuddy(m_interval);
    connect(m_interval, &QSpinBox::valueChanged, this,
            [this](int seconds) { m_timer->setInterval(seconds * 1000); });
    controls->addWidget(m_interval);
    layout->addLayout(controls);

    showCard();
    updateControls();
}

WalkthroughPanel::~WalkthroughPanel()
{
    // The computation holds its own reference to the inspection; waiting
    // only keeps it from outliving the panel's thread pool use.
    m_watcher.waitForFinished();
}

void WalkthroughPanel::setInspection(const InspectionPtr &inspection, int environmentIndex)
{
    if (m_pendingRevision.isEmpty()) {
        m_pendingRevision = currentRevision();
    }
    m_steps.clear();
    m_current = -1;
    m_hasEnvironment =
        inspection && environmentIndex >= 0 && environmentIndex < inspection->environments.size();
    m_loading = m_hasEnvironment;
    if (m_hasEnvironment) {
        m_watcher.setFuture(QtConcurrent::run([inspection, environmentIndex] {
            return Walkthrough::steps(inspection->environments.at(environmentIndex));
        }));
    } else {
        m_pendingRevision.clear();
    }
    m_inspection = inspection;
    showCard();
    updateControls();
    if (!m_hasEnvironment) {
        Q_EMIT stepsReady();
    }
}

void WalkthroughPanel::onStepsComputed()
{
    // A finished signal of a future replaced by a newer setInspection().
    if (!m_loading || !m_watcher.isFinished() || m_watcher.isCanceled()) {
        return;
    }
    m_loading = false;
    m_steps = m_watcher.result();
    const int index = Walkthrough::indexOf(m_steps, m_pendingRevision);
    m_pendingRevision.clear();
    m_current = -1;
    goTo(index >= 0 ? index : 0, false);
    showCard();
    updateControls();
    Q_EMIT stepsReady();
}

void WalkthroughPanel::setCurrentRevision(const QString &id)
{
    if (m_loading) {
        m_pendingRevision = id;
        return;
    }
    const int index = Walkthrough::indexOf(m_steps, id);
    if (index >= 0) {
        goTo(index, false);
    }
}

QString WalkthroughPanel::currentRevision() const
{
    if (m_loading) {
        return m_pendingRevision;
    }
    return m_current >= 0 ? m_steps.at(m_current).revisionId : QString();
}

bool WalkthroughPanel::isLoading() const
{
    return m_loading;
}

bool WalkthroughPanel::isPlaying() const
{
    return m_timer->isActive();
}

int WalkthroughPanel::autoplayInterval() const
{
    return m_timer->interval();
}

void WalkthroughPanel::setAutoplayInterval(int milliseconds)
{
    m_timer->setInterval(qMax(1, milliseconds));
    const QSignalBlocker blocker(m_interval);
    m_interval->setValue(qBound(1, (milliseconds + 999) / 1000, kMaxIntervalSeconds));
}

void WalkthroughPanel::start()
{
    if (m_steps.isEmpty() || isPlaying()) {
        return;
    }
    if (m_current >= m_steps.size() - 1) {
        goTo(0, true);
    }
    if (m_steps.size() < 2) {
        return; // nothing to play through
    }
    m_timer->start();
    updateControls();
    Q_EMIT playingChanged(true);
}

void WalkthroughPanel::stop()
{
    if (!isPlaying()) {
        return;
    }
    m_timer->stop();
    updateControls();
    Q_EMIT playingChanged(false);
}

void WalkthroughPanel::togglePlay()
{
    if (isPlaying()) {
        stop();
    } else {
        start();
    }
}

void WalkthroughPanel::next()
{
    goTo(m_current + 1, true);
}

void WalkthroughPanel::previous()
{
    goTo(m_current - 1, true);
}

void WalkthroughPanel::first()
{
    goTo(0, true);
}

void WalkthroughPanel::last()
{
    goTo(int(m_steps.size()) - 1, true);
}

void WalkthroughPanel::advance()
{
    if (m_current + 1 < m_steps.size()) {
        goTo(m_current + 1, true, true);
    }
    if (m_current + 1 >= m_steps.size()) {
        stop(); // the end of the history
    }
}

void WalkthroughPanel::goTo(int index, bool user, bool fromTimer)
{
    if (m_steps.isEmpty() || index < 0 || index >= m_steps.size() || index == m_current) {
        return;
    }
    m_current = index;
    if (user && isPlaying() && !fromTimer) {
        m_timer->start(); // a manual step restarts the interval
    }
    showCard();
    updateControls();
    if (user) {
        Q_EMIT currentRevisionChanged(m_steps.at(m_current).revisionId);
    }
}

void WalkthroughPanel::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        previous();
        break;
    case Qt::Key_Right:
        next();
        break;
    case Qt::Key_Space:
        togglePlay();
        break;
    case Qt::Key_Home:
        first();
        break;
    case Qt::Key_End:
        last();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void WalkthroughPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        // Chips, the link and the button glyphs follow the palette.
        showCard();
        updateControls();
    } else if (event->type() == QEvent::LanguageChange) {
        m_changesTitle->setText(tr("What it changes"));
        showCard();
        updateControls();
    }
    QWidget::changeEvent(event);
}

QString WalkthroughPanel::chipStyle(StepRole role, RevisionOrigin origin) const
{
    const GraphPalette colours = GraphPalette::fromPalette(palette());
    QColor fill;
    switch (role) {
    case StepRole::Base:
        fill = colours.base;
        break;
    case StepRole::BranchPoint:
        fill = colours.branchPoint;
        break;
    case StepRole::Merge:
        fill = colours.merge;
        break;
    case StepRole::Head:
        fill = colours.head;
        break;
    case StepRole::Dependency:
        fill = colours.dependencyEdge;
        break;
    case StepRole::Ghost:
        fill = origin == RevisionOrigin::Bytecode ? colours.bytecodeBorder : colours.error;
        break;
    }
    // Light fills (the dark set's amber) need dark text to stay readable.
    const QColor text = fill.lightnessF() > 0.62 ? QColor(0x1f, 0x23, 0x28) : colours.chipText;
    return QStringLiteral("QLabel { background-color: %1; color: %2; border-radius: 7px; "
                          "padding: 0px 6px; }")
        .arg(fill.name(), text.name());
}

void WalkthroughPanel::showCard()
{
    while (QLayoutItem *item = m_chips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const bool hasStep = m_current >= 0 && m_current < m_steps.size();
    for (QWidget *widget : std::initializer_list<QWidget *>{m_id, m_message, m_meta, m_changesTitle,
                                                            m_changes, m_explanations}) {
        widget->setVisible(hasStep);
    }
    m_placeholder->setVisible(!hasStep);
    if (!hasStep) {
        if (m_loading) {
            m_placeholder->setText(tr("Loading the history…"));
        } else if (!m_hasEnvironment) {
            m_placeholder->setText(tr("Open a project to walk through its migration history."));
        } else {
            m_placeholder->setText(tr("This environment has no revisions yet."));
        }
        return;
    }

    const WalkthroughStep &step = m_steps.at(m_current);
    m_id->setText(step.revisionId);
    QFont chipFont = font();
    chipFont.setPointSizeF(qMax(6.0, chipFont.pointSizeF() * 0.85));
    for (const StepRole role : Walkthrough::roles(step.roles)) {
        auto *chip = new QLabel(Walkthrough::roleName(role, step.origin), m_card);
        chip->setFont(chipFont);
        chip->setStyleSheet(chipStyle(role, step.origin));
        m_chips->addWidget(chip);
    }

    if (!step.message.isEmpty()) {
        m_message->setText(step.message);
    } else if (step.origin == RevisionOrigin::Missing) {
        m_message->setText(tr("(no script defines this revision)"));
    } else {
        m_message->setText(tr("(no message)"));
    }

    QStringList meta;
    if (!step.createDate.isEmpty()) {
        const QString date = displayDate(step.createDate);
        meta.append(tr("Created %1").arg(date.toHtmlEscaped()));
    }
    if (!step.file.isEmpty()) {
        const QString shown = m_inspection ? m_inspection->relativePath(step.file) : step.file;
        // QLabel does not take link colours from a palette set on an ancestor.
        const QString link = palette().color(QPalette::Link).name();
        meta.append(QStringLiteral("<a href=\"file\" style=\"color: %1;\">%2</a>")
                        .arg(link, shown.toHtmlEscaped()));
    }
    if (!step.loaded && step.origin != RevisionOrigin::Missing) {
        meta.append(tr("not loaded by Alembic"));
    }
    m_meta->setText(meta.join(QStringLiteral(" &middot; ")));
    m_meta->setToolTip(step.file);
    m_meta->setVisible(!meta.isEmpty());

    const OpSummary &changes = step.changes;
    QString changesHtml;
    if (!changes.error.isEmpty()) {
        changesHtml = QStringLiteral("<i>%1</i>").arg(changes.error.toHtmlEscaped());
    } else if (!changes.upgrade.isEmpty()) {
        const QStringList lines = changes.describeUpgrade();
        // Plain bullet lines: a rich-text list indents by 40 px, too much for a bar.
        QStringList items;
        const int shown = int(qMin(lines.size(), qsizetype(kMaxListedChanges)));
        for (int i = 0; i < shown; ++i) {
            items.append(QStringLiteral("&bull;&nbsp;") + lines.at(i).toHtmlEscaped());
        }
        const int more = int(lines.size()) - shown;
        if (more > 0) {
            const QString andMore = tr("… and %n more", nullptr, more);
            items.append(QStringLiteral("&bull;&nbsp;") + andMore.toHtmlEscaped());
        }
        changesHtml = items.join(QStringLiteral("<br>"));
    } else if (changes.upgradeEmpty) {
        changesHtml = tr("Nothing: upgrade() is empty.").toHtmlEscaped();
    } else {
        changesHtml =
            tr("No op.* calls: upgrade() runs other Python code; read the script.").toHtmlEscaped();
    }
    m_changes->setText(changesHtml);

    QString explanations;
    for (const QString &paragraph : step.explanations) {
        explanations += QStringLiteral("<p>%1</p>").arg(richText(paragraph));
    }
    m_explanations->setText(explanations);
    m_explanations->setVisible(!explanations.isEmpty());
}

void WalkthroughPanel::updateControls()
{
    const int count = int(m_steps.size());
    const bool any = count > 0;
    m_first->setEnabled(any && m_current > 0);
    m_previous->setEnabled(any && m_current > 0);
    m_next->setEnabled(any && m_current + 1 < count);
    m_last->setEnabled(any && m_current + 1 < count);
    m_play->setEnabled(count > 1);
    m_first->setIcon(glyphIcon(Glyph::First, this));
    m_previous->setIcon(glyphIcon(Glyph::Previous, this));
    m_next->setIcon(glyphIcon(Glyph::Next, this));
    m_last->setIcon(glyphIcon(Glyph::Last, this));
    if (isPlaying()) {
        m_play->setIcon(glyphIcon(Glyph::Pause, this));
        m_play->setText(tr("Pause"));
        m_play->setToolTip(tr("Pause the walkthrough (Space)"));
    } else {
        m_play->setIcon(glyphIcon(Glyph::Play, this));
        m_play->setText(tr("Play"));
        m_play->setToolTip(tr("Play the walkthrough (Space)"));
    }
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setEnabled(count > 1);
        m_slider->setMaximum(qMax(0, count - 1));
        m_slider->setValue(qMax(0, m_current));
    }
    if (any) {
        const int number = m_current + 1;
        m_position->setText(tr("Step %1 of %2").arg(number).arg(count));
    } else {
        m_position->clear();
    }
}

} // namespace Revscope
