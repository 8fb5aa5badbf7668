#include "welcomepage.h"

#include "folderdrop.h"
#include "models/recentprojectsmodel.h"
#include "recentprojectsview.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace Revscope {

namespace {

constexpr int kContentWidth = 680;

QColor mix(const QColor &a, const QColor &b, qreal amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
                            float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
                            float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

QFont scaledFont(const QFont &base, qreal factor, QFont::Weight weight)
{
    QFont font = base;
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * factor);
    } else {
        font.setPixelSize(qRound(font.pixelSize() * factor));
    }
    font.setWeight(weight);
    return font;
}

} // namespace

WelcomePage::WelcomePage(RecentProjectsModel *recentProjects, QWidget *parent) : QWidget(parent)
{
    setAcceptDrops(true);
    setAutoFillBackground(true);

    auto *column = new QWidget(this);
    column->setMaximumWidth(kContentWidth);
    column->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_title = new QLabel(tr("Revscope"), column);
    m_title->setObjectName(QStringLiteral("welcomeTitle"));
    m_title->setFont(scaledFont(font(), 2.4, QFont::DemiBold));
    layout->addWidget(m_title);
    layout->addSpacing(4);

    m_tagline = new QLabel(tr("See the real revision graph of your Alembic migrations, where "
                              "the database stands, and the stale bytecode lying around."),
                           column);
    m_tagline->setWordWrap(true);
    m_tagline->setFont(scaledFont(font(), 1.1, QFont::Normal));
    layout->addWidget(m_tagline);
    layout->addSpacing(28);

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(12);
    m_openFolder = new QPushButton(tr("Open Folder…"), column);
    m_openFolder->setObjectName(QStringLiteral("openFolderButton"));
    m_openFolder->setToolTip(tr("Open a folder holding an alembic.ini or a pyproject.toml"));
    m_openDemo = new QPushButton(tr("Open Demo Project"), column);
    m_openDemo->setObjectName(QStringLiteral("openDemoButton"));
    m_openDemo->setToolTip(
        tr("A small service whose history shows a squashed revision, stray bytecode and a "
           "database stamped at a revision that no longer exists"));
    for (QPushButton *button : {m_openFolder, m_openDemo}) {
        button->setCursor(Qt::PointingHandCursor);
        button->setFont(scaledFont(font(), 1.08, QFont::DemiBold));
        button->setMinimumHeight(44);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        buttons->addWidget(button);
    }
    layout->addLayout(buttons);
    layout->addSpacing(32);

    auto *heading = new QHBoxLayout;
    m_recentHeading = new QLabel(tr("Recent Projects"), column);
    m_recentHeading->setFont(scaledFont(font(), 1.0, QFont::DemiBold));
    heading->addWidget(m_recentHeading);
    heading->addStretch(1);
    m_clear = new QPushButton(tr("Clear List"), column);
    m_clear->setObjectName(QStringLiteral("clearRecentButton"));
    m_clear->setCursor(Qt::PointingHandCursor);
    heading->addWidget(m_clear);
    layout->addLayout(heading);
    layout->addSpacing(6);

    m_recentStack = new QStackedWidget(column);
    m_recentView = new RecentProjectsView(m_recentStack);
    m_noRecent = new QLabel(tr("Projects you open appear here."), m_recentStack);
    m_noRecent->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_noRecent->setContentsMargins(2, 6, 0, 0);
    m_recentStack->addWidget(m_recentView);
    m_recentStack->addWidget(m_noRecent);
    layout->addWidget(m_recentStack, 1);
    layout->addSpacing(16);

    m_dropHint = new QLabel(tr("or drop a project folder here"), column);
    m_dropHint->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_dropHint);

    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(48, 56, 48, 36);
    outer->addStretch(1);
    outer->addWidget(column, 100);
    outer->addStretch(1);

    connect(m_openFolder, &QPushButton::clicked, this, &WelcomePage::openFolderRequested);
    connect(m_openDemo, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(m_recentView, &RecentProjectsView::openRequested, this,
            &WelcomePage::openProjectRequested);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        if (m_recent) {
            m_recent->clear();
        }
    });

    setRecentProjects(recentProjects);
    updateColors();
}

void WelcomePage::setRecentProjects(RecentProjectsModel *recentProjects)
{
    if (m_recent) {
        disconnect(m_recent, nullptr, this, nullptr);
    }
    m_recent = recentProjects;
    m_recentView->setRecentProjects(recentProjects);
    if (m_recent) {
        for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
            connect(m_recent, signal, this, &WelcomePage::updateRecentState);
        }
        connect(m_recent, &QAbstractItemModel::modelReset, this, &WelcomePage::updateRecentState);
    }
    updateRecentState();
}

void WelcomePage::updateRecentState()
{
    const bool any = m_recent && m_recent->rowCount() > 0;
    m_recentStack->setCurrentWidget(any ? static_cast<QWidget *>(m_recentView) : m_noRecent);
    m_clear->setVisible(any);
    m_recentHeading->setVisible(m_recent != nullptr);
    m_recentStack->setVisible(m_recent != nullptr);
}

void WelcomePage::showEvent(QShowEvent *event)
{
    // Folders may have come or gone while a project was open.
    if (m_recent) {
        for (int row = 0; row < m_recent->rowCount(); ++row) {
            m_recent->refreshExists(row);
        }
    }
    QWidget::showEvent(event);
}

void WelcomePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_updatingColors) {
        updateColors();
    }
    QWidget::changeEvent(event);
}

void WelcomePage::updateColors()
{
    m_updatingColors = true;
    const QPalette base = palette();
    const QColor window = base.color(QPalette::Window);
    const QColor text = base.color(QPalette::WindowText);
    const QColor muted = mix(window, text, 0.62);

    QPalette mutedPalette = base;
    mutedPalette.setColor(QPalette::WindowText, muted);
    m_tagline->setPalette(mutedPalette);
    m_noRecent->setPalette(mutedPalette);
    m_dropHint->setPalette(mutedPalette);

    QPalette headingPalette = base;
    headingPalette.setColor(QPalette::WindowText, mix(window, text, 0.8));
    m_recentHeading->setPalette(headingPalette);

    // The list blends into the page: its rows, not a box, stand out.
    QPalette listPalette = base;
    listPalette.setColor(QPalette::Base, window);
    listPalette.setColor(QPalette::Text, text);
    m_recentView->setPalette(listPalette);

    // Some dark palettes keep the light theme's dark blue links.
    QColor link = base.color(QPalette::Link);
    if (window.lightness() < 128 && link.lightness() < 140) {
        link = QColor(0x78, 0xae, 0xed);
    }
    m_clear->setStyleSheet(
        QStringLiteral("QPushButton { border: none; padding: 2px 0px; color: %1; }"
                       "QPushButton:hover { text-decoration: underline; }")
            .arg(link.name()));

    // The main action stands out in the palette's accent colour.
    const QColor accent = base.color(QPalette::Highlight);
    const QColor accentText = base.color(QPalette::HighlightedText);
    m_openFolder->setStyleSheet(
        QStringLiteral("QPushButton { background-color: %1; color: %2; border: 1px solid %3;"
                       " border-radius: 6px; padding: 6px 16px; }"
                       "QPushButton:hover { background-color: %4; }"
                       "QPushButton:pressed { background-color: %3; }")
            .arg(accent.name(), accentText.name(), accent.darker(125).name(),
                 accent.lighter(112).name()));
    const QColor button = mix(window, text, 0.06);
    m_openDemo->setStyleSheet(
        QStringLiteral("QPushButton { background-color: %1; color: %2; border: 1px solid %3;"
                       " border-radius: 6px; padding: 6px 16px; }"
                       "QPushButton:hover { background-color: %4; }"
                       "QPushButton:pressed { background-color: %3; }")
            .arg(button.name(), text.name(), mix(window, text, 0.22).name(),
                 mix(window, text, 0.11).name()));
    m_updatingColors = false;
    update();
}

void WelcomePage::paintEvent(QPaintEvent *event)
{
    QWidget::paintEvent(event);
    if (!m_dropActive) {
        return;
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor accent = palette().color(QPalette::Highlight);
    QColor fill = accent;
    fill.setAlphaF(0.08f);
    painter.setBrush(fill);
    painter.setPen(QPen(accent, 2, Qt::DashLine));
    painter.drawRoundedRect(QRectF(rect()).adjusted(8, 8, -8, -8), 10, 10);
}

void WelcomePage::setDropActive(bool active)
{
    if (m_dropActive != active) {
        m_dropActive = active;
        m_dropHint->setText(active ? tr("Release to open this folder")
                                   : tr("or drop a project folder here"));
        update();
    }
}

void WelcomePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (FolderDrop::folderFrom(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    setDropActive(true);
}

void WelcomePage::dragMoveEvent(QDragMoveEvent *event)
{
    if (FolderDrop::folderFrom(event->mimeData()).isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
}

void WelcomePage::dragLeaveEvent(QDragLeaveEvent *event)
{
    setDropActive(false);
    QWidget::dragLeaveEvent(event);
}

void WelcomePage::dropEvent(QDropEvent *event)
{
    setDropActive(false);
    const QString folder = FolderDrop::folderFrom(event->mimeData());
    if (folder.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    Q_EMIT openProjectRequested(folder);
}

} // namespace Revscope
