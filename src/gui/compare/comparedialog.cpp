#include "comparedialog.h"

#include "findingsdecorator.h"
#include "graph/graphpalette.h"
#include "graph/graphpanel.h"
#include "models/comparisonchangesmodel.h"
#include "models/findingsmodel.h"
#include "models/squashmappingmodel.h"
#include "release/comparisonoverlay.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTabWidget>
#include <QtConcurrent>
#include <QVBoxLayout>

namespace Revscope {

namespace {

constexpr int kRecentCommits = 30;

// Edits the Replaced-by column with a list of the candidates.
class ReplacementDelegate final : public QStyledItemDelegate
{
public:
    ReplacementDelegate(SquashMappingModel *model, QObject *parent)
        : QStyledItemDelegate(parent), m_model(model)
    {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override
    {
        if (index.column() != SquashMappingModel::ReplacedByColumn) {
            return QStyledItemDelegate::createEditor(parent, option, index);
        }
        auto *combo = new QComboBox(parent);
        // The model's own words for "no replacement".
        combo->addItem(QCoreApplication::translate("Revscope::SquashMappingModel", "(none)"),
                       QString());
        for (const QString &id : m_model->candidates()) {
            combo->addItem(id, id);
        }
        return combo;
    }

    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = qobject_cast<QComboBox *>(editor);
        if (!combo) {
            QStyledItemDelegate::setEditorData(editor, index);
            return;
        }
        const int at = combo->findData(index.data(SquashMappingModel::ReplacementRole));
        combo->setCurrentIndex(qMax(0, at));
    }

    void setModelData(QWidget *editor, QAbstractItemModel *model,
                      const QModelIndex &index) const override
    {
        auto *combo = qobject_cast<QComboBox *>(editor);
        if (!combo) {
            QStyledItemDelegate::setModelData(editor, model, index);
            return;
        }
        model->setData(index, combo->currentData(), Qt::EditRole);
    }

private:
    SquashMappingModel *m_model;
};

QTableView *makeTable(QAbstractItemModel *model, const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return table;
}

QComboBox *makeRefCombo(const QString &name, QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    combo->setObjectName(name);
    combo->setEditable(true);
    combo->setInsertPolicy(QComboBox::NoInsert);
    combo->setMinimumContentsLength(24);
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    return combo;
}

} // namespace

CompareDialog::CompareDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Compare Versions"));
    setModal(false);

    m_from = makeRefCombo(QStringLiteral("fromRef"), this);
    m_from->setToolTip(tr("The older version: a branch, tag, commit or folder"));
    m_to = makeRefCombo(QStringLiteral("toRef"), this);
    m_to->setToolTip(tr("The newer version: a branch, tag, commit or folder"));
    auto *browseFrom = new QPushButton(tr("Browse Folder…"), this);
    auto *browseTo = new QPushButton(tr("Browse Folder…"), this);
    browseFrom->setAutoDefault(false);
    browseTo->setAutoDefault(false);
    m_compare = new QPushButton(tr("&Compare"), this);
    m_compare->setObjectName(QStringLiteral("compareButton"));
    m_compare->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setAutoDefault(false);
    m_cancelButton->setEnabled(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *pickers = new QGridLayout;
    auto *fromLabel = new QLabel(tr("&From:"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&To:"), this);
    toLabel->setBuddy(m_to);
    pickers->addWidget(fromLabel, 0, 0);
    pickers->addWidget(m_from, 0, 1);
    pickers->addWidget(browseFrom, 0, 2);
    pickers->addWidget(m_compare, 0, 3);
    pickers->addWidget(toLabel, 1, 0);
    pickers->addWidget(m_to, 1, 1);
    pickers->addWidget(browseTo, 1, 2);
    pickers->addWidget(m_cancelButton, 1, 3);
    pickers->setColumnStretch(1, 1);

    m_environmentLabel = new QLabel(tr("&Environment:"), this);
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environmentLabel->setBuddy(m_environment);
    auto *environmentRow = new QHBoxLayout;
    environmentRow->addWidget(m_environmentLabel);
    environmentRow->addWidget(m_environment);
    environmentRow->addStretch(1);
    m_environmentLabel->hide();
    m_environment->hide();

    m_graph = new GraphPanel(this);
    m_graph->setObjectName(QStringLiteral("graph"));

    m_removed = new ComparisonChangesModel(ComparisonChangesModel::Kind::Removed, this);
    m_added = new ComparisonChangesModel(ComparisonChangesModel::Kind::Added, this);
    m_rewired = new ComparisonChangesModel(ComparisonChangesModel::Kind::Rewired, this);
    m_edited = new ComparisonChangesModel(ComparisonChangesModel::Kind::Edited, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    const QList<QPair<ComparisonChangesModel *, QString>> changeTables{
        {m_removed, QStringLiteral("removedTable")},
        {m_added, QStringLiteral("addedTable")},
        {m_rewired, QStringLiteral("rewiredTable")},
        {m_edited, QStringLiteral("editedTable")}};
    for (const auto &[model, name] : changeTables) {
        QTableView *table = makeTable(model, name, m_tabs);
        m_tabs->addTab(table, QString());
        connect(table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
            Q_EMIT revisionActivated(index.data(ComparisonChangesModel::RevisionRole).toString());
        });
    }

    // The squash mapping: pick a replacement, tick what it replaces.
    auto *mappingPage = new QWidget(this);
    m_mappingPage = mappingPage;
    m_mapping = new SquashMappingModel(this);
    m_replacement = new QComboBox(mappingPage);
    m_replacement->setObjectName(QStringLiteral("replacementCombo"));
    m_replacement->setToolTip(tr("The revision of the newer version whose removed revisions "
                                 "the ticks show"));
    m_confirm = new QPushButton(tr("Con&firm Mapping"), mappingPage);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setAutoDefault(false);
    m_confirm->setToolTip(tr("Accept the mapping as shown and run the checks with it"));
    auto *replacementLabel = new QLabel(tr("&Replacing revision:"), mappingPage);
    replacementLabel->setBuddy(m_replacement);
    auto *mappingRow = new QHBoxLayout;
    mappingRow->addWidget(replacementLabel);
    mappingRow->addWidget(m_replacement);
    mappingRow->addStretch(1);
    mappingRow->addWidget(m_confirm);
    auto *mappingHint =
        new QLabel(tr("Tick the removed revisions the replacing revision stands for, or pick "
                      "another in the Replaced by column. Every change runs the checks again."),
                   mappingPage);
    mappingHint->setWordWrap(true);
    QTableView *mappingTable = makeTable(m_mapping, QStringLiteral("mappingTable"), mappingPage);
    mappingTable->setItemDelegate(new ReplacementDelegate(m_mapping, mappingTable));
    mappingTable->setEditTriggers(QAbstractItemView::DoubleClicked |
                                  QAbstractItemView::SelectedClicked |
                                  QAbstractItemView::EditKeyPressed);
    m_mappingState = new QLabel(mappingPage);
    m_mappingState->setObjectName(QStringLiteral("mappingState"));
    m_mappingState->setWordWrap(true);
    auto *mappingLayout = new QVBoxLayout(mappingPage);
    mappingLayout->addLayout(mappingRow);
    mappingLayout->addWidget(mappingHint);
    mappingLayout->addWidget(mappingTable, 1);
    mappingLayout->addWidget(m_mappingState);
    m_review = new QTabWidget(this);
    m_review->setObjectName(QStringLiteral("reviewTabs"));
    m_review->addTab(mappingPage, tr("Squash Mapping"));

    // The checks, with the selected one's fix spelled out.
    auto *checksPage = new QWidget(this);
    m_findings = new FindingsModel(this);
    m_findingsView = new FindingsDecorator(this);
    m_findingsView->setSourceModel(m_findings);
    QTableView *checks = makeTable(m_findingsView, QStringLiteral("checksTable"), checksPage);
    checks->horizontalHeader()->setSectionResizeMode(FindingsModel::MessageColumn,
                                                     QHeaderView::Interactive);
    checks->horizontalHeader()->resizeSection(FindingsModel::MessageColumn, 320);
    auto *checkDetail = new QLabel(checksPage);
    checkDetail->setObjectName(QStringLiteral("checkDetail"));
    checkDetail->setWordWrap(true);
    checkDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *checksLayout = new QVBoxLayout(checksPage);
    checksLayout->addWidget(checks, 1);
    checksLayout->addWidget(checkDetail);
    m_review->addTab(checksPage, QString());
    connect(checks->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, checkDetail](const QModelIndex &current) {
                const Finding *finding =
                    m_findings->findingAt(m_findingsView->mapToSource(current));
                if (!finding) {
                    checkDetail->clear();
                    return;
                }
                QString text = finding->message;
                if (!finding->fix.isEmpty()) {
                    const QString fix = finding->fix;
                    text += QLatin1Char('\n') + tr("Fix: %1").arg(fix);
                }
                checkDetail->setText(text);
            });
    connect(checks, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const QString revision = index.data(FindingsModel::RevisionRole).toString();
        if (!revision.isEmpty()) {
            Q_EMIT revisionActivated(revision);
        }
    });

    // What changed above; what to decide and what the checks say below.
    auto *details = new QSplitter(Qt::Vertical, this);
    details->addWidget(m_tabs);
    details->addWidget(m_review);
    details->setChildrenCollapsible(false);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_graph);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("databaseBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("databaseText"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stamp = new QPushButton(tr("&Stamp…"), m_banner);
    m_stamp->setObjectName(QStringLiteral("stampButton"));
    m_stamp->setAutoDefault(false);
    m_stamp->setToolTip(tr("Rewrite the version table to the revisions that replace the "
                           "removed ones, after a preview"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_stamp, 0, Qt::AlignVCenter);
    m_banner->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pickers);
    layout->addWidget(m_status);
    layout->addLayout(environmentRow);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_banner);
    layout->addWidget(buttons);
    resize(1180, 760);
    splitter->setSizes({660, 500});

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browseFrom, &QPushButton::clicked, this, [this] { browse(m_from); });
    connect(browseTo, &QPushButton::clicked, this, [this] { browse(m_to); });
    connect(m_compare, &QPushButton::clicked, this, &CompareDialog::startComparison);
    connect(m_cancelButton, &QPushButton::clicked, this, &CompareDialog::cancelComparison);
    connect(&m_watcher, &QFutureWatcher<Prepared>::finished, this, &CompareDialog::onPrepared);
    connect(&m_refsWatcher, &QFutureWatcher<QList<GitRef>>::finished, this,
            &CompareDialog::onRefsListed);
    connect(m_environment, &QComboBox::currentIndexChanged, this, &CompareDialog::showEnvironment);
    connect(m_replacement, &QComboBox::currentTextChanged, m_mapping,
            &SquashMappingModel::setCurrentReplacement);
    connect(m_mapping, &SquashMappingModel::currentReplacementChanged, this,
            [this](const QString &id) {
                const QSignalBlocker block(m_replacement);
                m_replacement->setCurrentIndex(m_replacement->findText(id));
            });
    // Queued: the edit finishes inside the model before the model is reset.
    connect(m_mapping, &SquashMappingModel::mappingEdited, this, &CompareDialog::applyMapping,
            Qt::QueuedConnection);
    connect(m_confirm, &QPushButton::clicked, this, &CompareDialog::applyMapping);
    connect(m_stamp, &QPushButton::clicked, this, [this] {
        const DatabaseCheck *check = m_comparison.databaseCheck(currentEnvironment());
        if (check && !check->targets.isEmpty()) {
            Q_EMIT stampRequested(check->environment, check->targets);
        }
    });
    connect(m_graph, &GraphPanel::revisionActivated, this, &CompareDialog::revisionActivated);
    updateTabTitles();
}

CompareDialog::~CompareDialog()
{
    // The workers hold only their own copies; stop and wait rather than
    // leave them running past the dialog.
    if (m_cancel) {
        m_cancel->store(true);
    }
    m_watcher.waitForFinished();
    m_refsWatcher.waitForFinished();
}

void CompareDialog::setProject(const QString &root, const InspectionPtr &current)
{
    m_root = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    m_current = current;
    const QString shown = QDir::toNativeSeparators(m_root);
    setWindowTitle(tr("Compare Versions — %1").arg(shown));
    fillRefs();
}

void CompareDialog::setDatabase(const InspectOptions::Database &database)
{
    m_database = database;
}

void CompareDialog::fillRefs()
{
    m_refsWatcher.waitForFinished();
    const QString root = m_root;
    m_refsWatcher.setFuture(
        QtConcurrent::run([root] { return GitRefs::list(root, kRecentCommits); }));
}

void CompareDialog::onRefsListed()
{
    const QList<GitRef> refs = m_refsWatcher.result();
    for (QComboBox *combo : {m_from, m_to}) {
        const QString typed = combo->currentText();
        const QSignalBlocker block(combo);
        combo->clear();
        combo->addItem(m_root);
        combo->setItemData(0, tr("The project folder as it is on disk"), Qt::ToolTipRole);
        GitRef::Kind previous = GitRef::Kind::Head;
        for (const GitRef &ref : refs) {
            if (ref.kind != previous || combo->count() == 1) {
                combo->insertSeparator(combo->count());
                previous = ref.kind;
            }
            combo->addItem(ref.name);
            const QString when = ref.time.toString(QStringLiteral("yyyy-MM-dd"));
            const QString commit = ref.commit.left(12);
            combo->setItemData(combo->count() - 1,
                               tr("%1 · %2 · %3").arg(commit, when, ref.summary), Qt::ToolTipRole);
        }
        combo->setEditText(typed);
    }
    if (m_from->currentText().isEmpty() && m_to->currentText().isEmpty()) {
        // A squash is reviewed before it is committed: HEAD against the folder.
        const bool git = !refs.isEmpty();
        m_from->setEditText(git ? QStringLiteral("HEAD") : m_root);
        m_to->setEditText(git ? m_root : QString());
    }
    if (refs.isEmpty() && !m_watcher.isRunning()) {
        m_status->setText(tr("%1 is not in a git repository: compare it with another folder "
                             "(Browse Folder…).")
                              .arg(QDir::toNativeSeparators(m_root)));
    }
}

void CompareDialog::browse(QComboBox *combo)
{
    const QString start = QFileInfo(combo->currentText()).isDir() ? combo->currentText() : m_root;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a Folder"), start);
    if (!folder.isEmpty()) {
        combo->setEditText(QDir::cleanPath(folder));
    }
}

QString CompareDialog::refOf(const QComboBox *combo) const
{
    return combo->currentText().trimmed();
}

void CompareDialog::startComparison()
{
    if (m_watcher.isRunning()) {
        return;
    }
    ComparisonOptions options;
    options.project = m_root;
    options.from = refOf(m_from);
    options.to = refOf(m_to);
    options.database = m_database;
    if (m_root.isEmpty() || options.from.isEmpty() || options.to.isEmpty()) {
        m_status->setText(tr("Choose the two versions to compare."));
        return;
    }
    // The environment the window shows comes first, when the comparison has it.
    QStringList preferred;
    if (m_current) {
        for (const EnvironmentInspection &ei : m_current->environments) {
            preferred.append(ei.label);
        }
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    CompareDialog *dialog = this;
    const Comparison::Progress progress = [dialog](const QString &what) {
        // Delivered on the GUI thread; dropped if the dialog is gone.
        QMetaObject::invokeMethod(
            dialog, [dialog, what] { dialog->m_status->setText(tr("%1…").arg(what)); },
            Qt::QueuedConnection);
    };
    setBusy(true, true);
    m_status->setPalette(QPalette());
    m_status->setText(tr("Starting…"));
    m_watcher.setFuture(QtConcurrent::run([options, progress, cancel, preferred] {
        Prepared prepared;
        prepared.fresh = true;
        prepared.comparison = Comparison::run(options, progress, cancel.get());
        if (!prepared.comparison.ok() || prepared.comparison.environments().isEmpty()) {
            return prepared;
        }
        prepared.environment = prepared.comparison.environments().constFirst().config;
        for (const QString &label : preferred) {
            if (prepared.comparison.environment(label)) {
                prepared.environment = label;
                break;
            }
        }
        prepared.overlay =
            std::make_shared<const ComparisonOverlay>(prepared.comparison, prepared.environment);
        return prepared;
    }));
}

void CompareDialog::prepare(const Comparison &comparison, const QString &environment,
                            const QList<SquashMapping> &mapping, bool remap)
{
    if (m_watcher.isRunning()) {
        return;
    }
    setBusy(true, false);
    // Re-checking and building the union graph take a while on a long history.
    m_watcher.setFuture(QtConcurrent::run([comparison, environment, mapping, remap] {
        Prepared prepared;
        prepared.comparison = remap ? comparison.withSquash(environment, mapping) : comparison;
        prepared.environment = environment;
        prepared.overlay =
            std::make_shared<const ComparisonOverlay>(prepared.comparison, environment);
        return prepared;
    }));
}

void CompareDialog::cancelComparison()
{
    if (m_cancel && m_watcher.isRunning()) {
        m_cancel->store(true);
        m_status->setText(tr("Cancelling…"));
    }
}

void CompareDialog::setBusy(bool busy, bool comparing)
{
    m_compare->setEnabled(!busy);
    m_cancelButton->setEnabled(busy && comparing);
    m_from->setEnabled(!busy);
    m_to->setEnabled(!busy);
    m_environment->setEnabled(!busy);
    m_mappingPage->setEnabled(!busy);
}

void CompareDialog::onPrepared()
{
    setBusy(false, false);
    const Prepared prepared = m_watcher.result();
    if (prepared.fresh && prepared.comparison.problem() == Comparison::Problem::Cancelled) {
        m_status->setText(tr("Comparison cancelled."));
        return;
    }
    if (prepared.fresh && !prepared.comparison.ok()) {
        m_status->setText(prepared.comparison.error());
        QPalette palette = m_status->palette();
        palette.setColor(QPalette::WindowText, GraphPalette::fromPalette(this->palette()).removed);
        m_status->setPalette(palette);
        return;
    }
    m_comparison = prepared.comparison;
    if (prepared.fresh) {
        QStringList labels;
        for (const EnvironmentDiff &diff : m_comparison.environments()) {
            labels.append(diff.config);
        }
        const QSignalBlocker block(m_environment);
        m_environment->clear();
        m_environment->addItems(labels);
        m_environment->setCurrentIndex(qMax(0, labels.indexOf(prepared.environment)));
        m_environment->setVisible(labels.size() > 1);
        m_environmentLabel->setVisible(labels.size() > 1);
    }
    display(prepared);
    if (prepared.fresh) {
        // A fresh result opens on what needs attention.
        const EnvironmentDiff *diff = m_comparison.environment(prepared.environment);
        m_review->setCurrentIndex(diff && !diff->findings.isEmpty() ? 1 : 0);
    }
}

QString CompareDialog::currentEnvironment() const
{
    return m_environment->currentText();
}

void CompareDialog::showEnvironment()
{
    if (m_comparison.environment(currentEnvironment())) {
        prepare(m_comparison, currentEnvironment(), {}, false);
    }
}

void CompareDialog::display(const Prepared &prepared)
{
    const QString &label = prepared.environment;
    m_removed->setComparison(m_comparison, label);
    m_added->setComparison(m_comparison, label);
    m_rewired->setComparison(m_comparison, label);
    m_edited->setComparison(m_comparison, label);
    m_mapping->setComparison(m_comparison, label);
    {
        const QSignalBlocker block(m_replacement);
        m_replacement->clear();
        m_replacement->addItems(m_mapping->candidates());
        m_replacement->setCurrentIndex(m_replacement->findText(m_mapping->currentReplacement()));
    }
    const bool removedAny = m_mapping->rowCount() > 0;
    m_confirm->setEnabled(removedAny && !m_mapping->isConfirmed());
    m_replacement->setEnabled(removedAny);
    if (!removedAny) {
        m_mappingState->setText(tr("No revision was removed: there is no squash to map."));
    } else if (m_mapping->isConfirmed()) {
        m_mappingState->setText(tr("Confirmed: the checks use this mapping."));
    } else {
        m_mappingState->setText(
            tr("Inferred by Revscope: confirm it, or correct it, so the checks use yours."));
    }
    m_graph->setOverlay(prepared.overlay);
    m_findings->setInspection(prepared.overlay ? prepared.overlay->inspection() : nullptr);

    const EnvironmentDiff *diff = m_comparison.environment(label);
    if (diff) {
        const QString counts = tr("%1 removed, %2 added, %3 rewired, %4 edited")
                                   .arg(diff->removed.size())
                                   .arg(diff->added.size())
                                   .arg(diff->rewired.size())
                                   .arg(diff->edited.size());
        const QString checks = tr("%n finding(s)", nullptr, int(diff->findings.size()));
        const QString from = m_comparison.from().name;
        const QString to = m_comparison.to().name;
        m_status->setText(tr("%1 → %2: %3; %4.").arg(from, to, counts, checks));
    } else {
        m_status->setText(tr("Neither version has an Alembic environment to compare."));
    }
    updateTabTitles();
    updateDatabaseBanner();
}

void CompareDialog::applyMapping()
{
    const QString label = currentEnvironment();
    if (m_comparison.environment(label)) {
        prepare(m_comparison, label, m_mapping->mapping(), true);
    }
}

void CompareDialog::updateTabTitles()
{
    const EnvironmentDiff *diff = m_comparison.environment(currentEnvironment());
    const int removed = diff ? int(diff->removed.size()) : 0;
    const int added = diff ? int(diff->added.size()) : 0;
    const int rewired = diff ? int(diff->rewired.size()) : 0;
    const int edited = diff ? int(diff->edited.size()) : 0;
    const int findings = diff ? int(diff->findings.size()) : 0;
    m_tabs->setTabText(0, tr("Removed (%1)").arg(removed));
    m_tabs->setTabText(1, tr("Added (%1)").arg(added));
    m_tabs->setTabText(2, tr("Rewired (%1)").arg(rewired));
    m_tabs->setTabText(3, tr("Edited (%1)").arg(edited));
    m_review->setTabText(1, tr("Checks (%1)").arg(findings));
}

void CompareDialog::updateDatabaseBanner()
{
    if (!m_comparison.hasDatabase() || !m_comparison.ok()) {
        m_banner->hide();
        return;
    }
    const GraphPalette colours = GraphPalette::fromPalette(palette());
    const DatabaseCheck *check = m_comparison.databaseCheck(currentEnvironment());
    QString text;
    bool alert = true;
    m_stamp->hide();
    if (!check || !check->state->database().isReadable()) {
        const QStringList errors = m_comparison.databaseErrors();
        text = errors.isEmpty() ? tr("The database could not be read for this environment.")
                                : errors.join(QLatin1Char(' '));
    } else {
        const QString url = check->state->database().url;
        if (check->needsStamp()) {
            const QString rows = check->stampedRemoved.join(QLatin1String(", "));
            text = tr("The database %1 is still stamped at %2, which the squash removed: "
                      "Alembic will stop with \"Can't locate revision\".")
                       .arg(url, rows);
            if (!check->targets.isEmpty()) {
                const QString targets = check->targets.join(QLatin1String(", "));
                text += QLatin1Char(' ') + tr("Stamp it to %1 instead.").arg(targets);
                m_stamp->show();
            } else {
                text += QLatin1Char(' ') +
                        tr("Confirm which revision replaces it in the Squash Mapping tab.");
            }
        } else {
            alert = false;
            text = tr("The database %1 names no revision the squash removed.").arg(url);
        }
    }
    m_bannerText->setText(text);
    QPalette palette = m_banner->palette();
    const QColor base = this->palette().color(QPalette::Base);
    const QColor mark = alert ? colours.removed : colours.added;
    palette.setColor(QPalette::Window, GraphPalette::blend(base, mark, colours.dark ? 0.22 : 0.10));
    palette.setColor(QPalette::WindowText, this->palette().color(QPalette::Text));
    m_banner->setPalette(palette);
    m_banner->show();
}

void CompareDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_banner->isVisible()) {
        updateDatabaseBanner();
    }
}

} // namespace Revscope
