#include "imagepanel.h"

#include "image/imagescanner.h"
#include "models/imagetreemodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QEvent>
#include <QFileInfo>
#include <QFont>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QPalette>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringListModel>
#include <QStyle>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Revscope {

namespace {

constexpr int kFileRole = Qt::UserRole + 1;
constexpr int kLineRole = Qt::UserRole + 2;
// Above this many items a search expands only the first levels.
constexpr int kExpandAllLimit = 5000;

// Icons, muted colours and italics for the headless tree model.
class ImageTreeDecorator final : public QIdentityProxyModel
{
public:
    explicit ImageTreeDecorator(QWidget *owner) : QIdentityProxyModel(owner), m_owner(owner) {}

    QVariant data(const QModelIndex &index, int role) const final
    {
        if (!index.isValid()) {
            return {};
        }
        // Read through the source: index.data() would come back here.
        const QModelIndex source = mapToSource(index);
        const auto kind = ImageTreeModel::Kind(source.data(ImageTreeModel::KindRole).toInt());
        const bool notInImage = kind == ImageTreeModel::Kind::Excluded ||
                                kind == ImageTreeModel::Kind::NotCopied ||
                                kind == ImageTreeModel::Kind::Removed;
        switch (role) {
        case Qt::DecorationRole:
            if (index.column() != ImageTreeModel::PathColumn) {
                return {};
            }
            if (source.data(ImageTreeModel::IsDirectoryRole).toBool()) {
                return m_owner->style()->standardIcon(QStyle::SP_DirIcon);
            }
            return m_owner->style()->standardIcon(QStyle::SP_FileIcon);
        case Qt::ForegroundRole:
            if (notInImage || (index.column() == ImageTreeModel::WhyColumn ||
                               index.column() == ImageTreeModel::FromColumn)) {
                return m_owner->palette().brush(QPalette::Disabled, QPalette::Text);
            }
            return {};
        case Qt::FontRole:
            if (kind == ImageTreeModel::Kind::Removed || kind == ImageTreeModel::Kind::Group) {
                QFont font = m_owner->font();
                font.setItalic(kind == ImageTreeModel::Kind::Removed);
                font.setBold(kind == ImageTreeModel::Kind::Group && !index.parent().isValid());
                return font;
            }
            return {};
        default:
            return QIdentityProxyModel::data(index, role);
        }
    }

private:
    QWidget *m_owner;
};

// The link colour is written out: a rich-text QLabel does not follow a
// palette change of its parent for links it already shows.
QString link(const QWidget *widget, const QString &file, int line, const QString &text)
{
    const QString color = widget->palette().color(QPalette::Link).name();
    return QStringLiteral("<a style=\"color:%1\" href=\"open:%2:%3\">%4</a>")
        .arg(color, QString::number(line), file.toHtmlEscaped(), text.toHtmlEscaped());
}

} // namespace

ImagePanel::ImagePanel(QWidget *parent)
    : QWidget(parent), m_model(new ImageTreeModel(this)), m_filter(new ImageTreeFilterModel(this))
{
    m_filter->setSourceModel(m_model);
    auto *decorator = new ImageTreeDecorator(this);
    decorator->setSourceModel(m_filter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack);

    // The empty state.
    auto *empty = new QWidget(m_stack);
    auto *emptyLayout = new QVBoxLayout(empty);
    m_emptyLabel = new QLabel(tr("No Dockerfile or compose file found in this project"), empty);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    QFont emptyFont = m_emptyLabel->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.2);
    m_emptyLabel->setFont(emptyFont);
    auto *emptyHint =
        new QLabel(tr("Revscope looks for Dockerfile, Dockerfile.*, *.Dockerfile, compose.yaml and "
                      "docker-compose*.yml, and shows which files each image will contain."),
                   empty);
    emptyHint->setAlignment(Qt::AlignCenter);
    emptyHint->setWordWrap(true);
    emptyHint->setForegroundRole(QPalette::PlaceholderText);
    emptyLayout->addStretch(2);
    emptyLayout->addWidget(m_emptyLabel);
    emptyLayout->addWidget(emptyHint);
    emptyLayout->addStretch(3);
    m_stack->addWidget(empty);

    // The content.
    auto *content = new QWidget(m_stack);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(6, 6, 6, 6);
    auto *bar = new QHBoxLayout;
    auto *targetLabel = new QLabel(tr("&Image:"), content);
    m_targets = new QComboBox(content);
    m_targets->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_targets->setToolTip(tr("The compose service or Dockerfile whose image is shown"));
    targetLabel->setBuddy(m_targets);
    m_search = new QLineEdit(content);
    m_search->setPlaceholderText(tr("Search paths…"));
    m_search->setClearButtonEnabled(true);
    m_excluded = new QCheckBox(tr("Show e&xcluded context files"), content);
    m_excluded->setToolTip(
        tr("Also list the build-context files that do not reach the image, and why"));
    m_explainButton = new QPushButton(tr("&Explain path…"), content);
    m_explainButton->setCheckable(true);
    m_explainButton->setToolTip(
        tr("Type a context path and see which ignore line and which COPY decide its fate"));
    bar->addWidget(targetLabel);
    bar->addWidget(m_targets);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_excluded);
    bar->addWidget(m_explainButton);
    contentLayout->addLayout(bar);

    m_summary = new QLabel(content);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_summary->setOpenExternalLinks(false);
    contentLayout->addWidget(m_summary);

    m_explainBox = new QFrame(content);
    m_explainBox->setFrameShape(QFrame::StyledPanel);
    m_explainBox->setBackgroundRole(QPalette::AlternateBase);
    m_explainBox->setAutoFillBackground(true);
    auto *explainLayout = new QVBoxLayout(m_explainBox);
    auto *explainBar = new QHBoxLayout;
    auto *explainLabel = new QLabel(tr("Context &path:"), m_explainBox);
    m_explainPath = new QLineEdit(m_explainBox);
    m_explainPath->setPlaceholderText(tr("e.g. back/alembic.ini"));
    m_explainPath->setClearButtonEnabled(true);
    explainLabel->setBuddy(m_explainPath);
    auto *explainGo = new QPushButton(tr("Explain"), m_explainBox);
    explainBar->addWidget(explainLabel);
    explainBar->addWidget(m_explainPath, 1);
    explainBar->addWidget(explainGo);
    explainLayout->addLayout(explainBar);
    m_explainResult = new QLabel(m_explainBox);
    m_explainResult->setWordWrap(true);
    m_explainResult->setTextFormat(Qt::RichText);
    m_explainResult->setTextInteractionFlags(Qt::TextBrowserInteraction);
    explainLayout->addWidget(m_explainResult);
    m_explainBox->setVisible(false);
    contentLayout->addWidget(m_explainBox);

    auto *splitter = new QSplitter(Qt::Vertical, content);
    m_tree = new QTreeView(splitter);
    m_tree->setModel(decorator);
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(-1, Qt::AscendingOrder); // the model's path order until asked
    m_tree->setAlternatingRowColors(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(ImageTreeModel::SizeColumn,
                                           QHeaderView::ResizeToContents);
    m_tree->setColumnWidth(ImageTreeModel::PathColumn, 300);
    m_tree->setColumnWidth(ImageTreeModel::FromColumn, 220);

    auto *findingsBox = new QWidget(splitter);
    auto *findingsLayout = new QVBoxLayout(findingsBox);
    findingsLayout->setContentsMargins(0, 4, 0, 0);
    m_findingsTitle = new QLabel(findingsBox);
    QFont titleFont = m_findingsTitle->font();
    titleFont.setBold(true);
    m_findingsTitle->setFont(titleFont);
    m_findings = new QTreeWidget(findingsBox);
    m_findings->setRootIsDecorated(false);
    m_findings->setUniformRowHeights(true);
    m_findings->setHeaderLabels({tr("Code"), tr("Message"), tr("Location")});
    m_findings->setColumnWidth(0, 220);
    m_findings->setColumnWidth(1, 520);
    m_findings->setWordWrap(false);
    findingsLayout->addWidget(m_findingsTitle);
    findingsLayout->addWidget(m_findings);
    splitter->addWidget(m_tree);
    splitter->addWidget(findingsBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    contentLayout->addWidget(splitter, 1);
    m_stack->addWidget(content);

    connect(m_targets, &QComboBox::currentIndexChanged, this, &ImagePanel::showTarget);
    connect(m_search, &QLineEdit::textChanged, this, &ImagePanel::setSearchText);
    connect(m_excluded, &QCheckBox::toggled, this, &ImagePanel::setShowExcluded);
    connect(m_explainButton, &QPushButton::toggled, this, &ImagePanel::toggleExplain);
    connect(explainGo, &QPushButton::clicked, this, [this] { explainPath(m_explainPath->text()); });
    connect(m_explainPath, &QLineEdit::returnPressed, this,
            [this] { explainPath(m_explainPath->text()); });
    connect(m_tree, &QTreeView::activated, this, &ImagePanel::onTreeActivated);
    connect(m_findings, &QTreeWidget::itemActivated, this, &ImagePanel::onFindingActivated);
    connect(m_summary, &QLabel::linkActivated, this, &ImagePanel::onLinkActivated);
    connect(m_explainResult, &QLabel::linkActivated, this, &ImagePanel::onLinkActivated);

    setInspection(nullptr);
}

void ImagePanel::setInspection(const InspectionPtr &inspection)
{
    m_inspection = inspection;
    const bool empty = !inspection || inspection->imageFiles.isEmpty();
    m_stack->setCurrentIndex(empty ? 0 : 1);
    const QSignalBlocker blocker(m_targets);
    const QString previous = m_targets->currentText();
    m_targets->clear();
    if (!empty) {
        for (const ImageTarget &target : inspection->images) {
            const QString label = target.label(inspection->root);
            m_targets->addItem(label);
            const int row = m_targets->count() - 1;
            m_targets->setItemData(row, target.simulation.dockerfile, Qt::ToolTipRole);
        }
    }
    m_targets->setEnabled(m_targets->count() > 1);
    // A reload keeps the target the user was looking at.
    const int keep = m_targets->findText(previous);
    const int target = keep >= 0 ? keep : (m_targets->count() > 0 ? 0 : -1);
    m_targets->setCurrentIndex(target);
    showTarget(target);
}

int ImagePanel::targetCount() const
{
    return m_targets->count();
}

int ImagePanel::currentTarget() const
{
    return m_model->target();
}

void ImagePanel::setCurrentTarget(int target)
{
    m_targets->setCurrentIndex(target);
}

void ImagePanel::showTarget(int target)
{
    m_model->setTarget(m_inspection, target);
    m_explainResult->clear();
    updateSummary();
    updateFindings();
    expandDefault();
}

void ImagePanel::setShowExcluded(bool show)
{
    if (m_excluded->isChecked() != show) {
        m_excluded->setChecked(show); // comes back here through toggled()
        return;
    }
    m_model->setShowExcluded(show);
    expandDefault();
}

bool ImagePanel::showExcluded() const
{
    return m_model->showExcluded();
}

void ImagePanel::setSearchText(const QString &text)
{
    if (m_search->text() != text) {
        m_search->setText(text); // comes back here through textChanged()
        return;
    }
    m_filter->setSearchText(text);
    expandDefault();
}

bool ImagePanel::isEmptyStateShown() const
{
    return m_stack->currentIndex() == 0;
}

void ImagePanel::expandDefault()
{
    if (!m_filter->searchText().isEmpty()) {
        if (m_model->imageFileCount() + m_model->excludedFileCount() <= kExpandAllLimit) {
            m_tree->expandAll();
        } else {
            m_tree->expandToDepth(3);
        }
        return;
    }
    m_tree->collapseAll();
    if (m_model->target() < 0) {
        return;
    }
    // The heading of the excluded files reads across the columns.
    for (int row = 1; row < m_tree->model()->rowCount(); ++row) {
        m_tree->setFirstColumnSpanned(row, QModelIndex(), true);
    }
    // "/" and the way down to the working directory, where the app usually is.
    const ImageTarget &target = m_inspection->images.at(m_model->target());
    const auto *decorator = static_cast<QIdentityProxyModel *>(m_tree->model());
    QString path = target.workdir;
    while (!path.isEmpty()) {
        const QModelIndex index =
            decorator->mapFromSource(m_filter->mapFromSource(m_model->indexOfImagePath(path)));
        if (index.isValid()) {
            m_tree->expand(index);
        }
        if (path == u"/") {
            break;
        }
        const qsizetype slash = path.lastIndexOf(u'/');
        path = slash <= 0 ? QStringLiteral("/") : path.left(slash);
    }
}

void ImagePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        updateSummary();
        if (!m_explainResult->text().isEmpty()) {
            explainPath(m_explainPath->text());
        }
    }
}

void ImagePanel::updateSummary()
{
    if (!m_inspection || m_model->target() < 0) {
        const bool files = m_inspection && !m_inspection->imageFiles.isEmpty();
        m_summary->setText(files ? tr("No image could be read from the Dockerfiles and compose "
                                      "files; the findings below say why.")
                                 : QString());
        return;
    }
    const Inspection &inspection = *m_inspection;
    const ImageTarget &target = inspection.images.at(m_model->target());
    const ImageSimulation &sim = target.simulation;
    const QString dockerfileName = inspection.relativePath(sim.dockerfile);
    const QString dockerfile = link(this, sim.dockerfile, 1, dockerfileName);
    QString context = inspection.relativePath(sim.context);
    if (sim.context == inspection.root) {
        context = QStringLiteral(".");
    }
    const QString ignoreName = inspection.relativePath(sim.ignoreFile);
    const QString ignore =
        sim.ignoreFile.isEmpty() ? tr("none") : link(this, sim.ignoreFile, 1, ignoreName);
    const QString command = (target.entrypoint + target.command).join(u' ').toHtmlEscaped();
    const QString commandText =
        command.isEmpty() ? tr("none") : QStringLiteral("<code>%1</code>").arg(command);
    const QString workdir = target.workdir.toHtmlEscaped();
    const QString files = QString::number(m_model->imageFileCount());
    QString text =
        tr("Dockerfile %1 · context %2 · ignore file %3<br>Working directory "
           "<code>%4</code> · command %5 · %6 files from the context and stages")
            .arg(dockerfile, context.toHtmlEscaped(), ignore, workdir, commandText, files);
    if (sim.pythonDontWriteBytecode) {
        const QString line = QString::number(sim.pythonDontWriteBytecodeLine);
        text += QStringLiteral("<br>") +
                tr("PYTHONDONTWRITEBYTECODE is set (line %1): no bytecode is written at run time.")
                    .arg(line);
    }
    m_summary->setText(text);
}

void ImagePanel::updateFindings()
{
    m_findings->clear();
    if (!m_inspection) {
        m_findingsTitle->setText(QString());
        return;
    }
    Findings findings = ImageScanner::untargetedFindings(*m_inspection);
    if (m_model->target() >= 0) {
        findings += m_inspection->images.at(m_model->target()).findings;
    }
    std::stable_sort(findings.begin(), findings.end(),
                     [](const Finding &a, const Finding &b) { return a.severity > b.severity; });
    QList<QTreeWidgetItem *> items;
    for (const Finding &finding : std::as_const(findings)) {
        auto *item = new QTreeWidgetItem;
        QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
        if (finding.severity == Severity::Error) {
            icon = QStyle::SP_MessageBoxCritical;
        } else if (finding.severity == Severity::Warning) {
            icon = QStyle::SP_MessageBoxWarning;
        }
        item->setIcon(0, style()->standardIcon(icon));
        item->setText(0, finding.code);
        item->setText(1, finding.message);
        QString where = m_inspection->relativePath(finding.file);
        if (finding.line > 0) {
            where += u':' + QString::number(finding.line);
        }
        item->setText(2, where);
        const QString tip = finding.fix.isEmpty()
                                ? finding.message
                                : finding.message + QStringLiteral("\n\n") + finding.fix;
        item->setToolTip(1, tip);
        item->setToolTip(2, tr("Double-click to open %1").arg(where));
        item->setData(0, kFileRole, finding.file);
        item->setData(0, kLineRole, finding.line);
        items.append(item);
    }
    m_findings->addTopLevelItems(items);
    const int count = int(findings.size());
    m_findingsTitle->setText(count == 0 ? tr("No image findings")
                                        : tr("%n image finding(s)", nullptr, count));
}

void ImagePanel::onTreeActivated(const QModelIndex &index)
{
    const QString file = index.data(ImageTreeModel::FileRole).toString();
    if (!file.isEmpty()) {
        Q_EMIT fileActivated(file, index.data(ImageTreeModel::LineRole).toInt());
    }
}

void ImagePanel::onFindingActivated(QTreeWidgetItem *item)
{
    const QString file = item->data(0, kFileRole).toString();
    if (!file.isEmpty()) {
        Q_EMIT fileActivated(file, item->data(0, kLineRole).toInt());
    }
}

void ImagePanel::onLinkActivated(const QString &target)
{
    // "open:<line>:<path>"
    if (!target.startsWith(QLatin1String("open:"))) {
        return;
    }
    const qsizetype colon = target.indexOf(u':', 5);
    if (colon < 0) {
        return;
    }
    const int line = target.mid(5, colon - 5).toInt();
    Q_EMIT fileActivated(target.mid(colon + 1), line);
}

void ImagePanel::toggleExplain()
{
    const bool show = m_explainButton->isChecked();
    m_explainBox->setVisible(show);
    if (!show) {
        return;
    }
    // Completion over the target's context files.
    if (m_model->target() >= 0) {
        QStringList paths;
        for (const ContextFileFate &fate :
             m_inspection->images.at(m_model->target()).simulation.files) {
            if (paths.isEmpty() || paths.constLast() != fate.contextPath) {
                paths.append(fate.contextPath);
            }
        }
        auto *completer = new QCompleter(paths, m_explainPath);
        completer->setFilterMode(Qt::MatchContains);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        if (QCompleter *old = m_explainPath->completer()) {
            old->deleteLater();
        }
        m_explainPath->setCompleter(completer);
    }
    m_explainPath->setFocus();
}

PathExplanation ImagePanel::explainPath(const QString &contextPath)
{
    if (!m_explainButton->isChecked()) {
        m_explainButton->setChecked(true);
    }
    if (m_explainPath->text() != contextPath) {
        m_explainPath->setText(contextPath);
    }
    if (m_model->target() < 0) {
        m_explainResult->setText(tr("No image is selected."));
        return {};
    }
    const ImageTarget &target = m_inspection->images.at(m_model->target());
    const PathExplanation explanation = ImageExplainer::explain(target.simulation, contextPath);
    QStringList lines;
    for (const QString &sentence : explanation.sentences) {
        lines.append(sentence.toHtmlEscaped());
    }
    QStringList links;
    if (!explanation.ignoreFile.isEmpty() && explanation.ignoreLine > 0) {
        const QString name = m_inspection->relativePath(explanation.ignoreFile);
        const QString where = QStringLiteral("%1:%2").arg(name).arg(explanation.ignoreLine);
        links.append(link(this, explanation.ignoreFile, explanation.ignoreLine, where));
    }
    const QString dockerfileName = m_inspection->relativePath(target.simulation.dockerfile);
    QList<int> seen;
    for (const PathExplanation::Placement &placement : explanation.placements) {
        if (!seen.contains(placement.line)) {
            seen.append(placement.line);
            const QString where = QStringLiteral("%1:%2").arg(dockerfileName).arg(placement.line);
            links.append(link(this, target.simulation.dockerfile, placement.line, where));
        }
    }
    if (explanation.removedByLine > 0) {
        const QString where =
            QStringLiteral("%1:%2").arg(dockerfileName).arg(explanation.removedByLine);
        links.append(link(this, target.simulation.dockerfile, explanation.removedByLine, where));
    }
    QString html = lines.join(QStringLiteral("<br>"));
    if (!links.isEmpty()) {
        const QString opens = links.join(QStringLiteral(" · "));
        html += QStringLiteral("<br>") + tr("Open: %1").arg(opens);
    }
    m_explainResult->setText(html);

    // Show it in the tree too.
    QModelIndex source;
    const QStringList imagePaths = target.simulation.imagePathsOf(explanation.contextPath);
    if (!imagePaths.isEmpty()) {
        source = m_model->indexOfImagePath(imagePaths.first());
    } else if (explanation.inContext && !explanation.directory) {
        if (!m_model->showExcluded()) {
            setShowExcluded(true);
        }
        QString rootRelative = explanation.contextPath;
        if (target.simulation.context != m_inspection->root) {
            rootRelative = m_inspection->relativePath(target.simulation.context) + u'/' +
                           explanation.contextPath;
        }
        source = m_model->indexOfContextPath(rootRelative);
    }
    const auto *decorator = static_cast<QIdentityProxyModel *>(m_tree->model());
    const QModelIndex shown = decorator->mapFromSource(m_filter->mapFromSource(source));
    if (shown.isValid()) {
        m_tree->scrollTo(shown);
        m_tree->setCurrentIndex(shown);
    }
    return explanation;
}

} // namespace Revscope
