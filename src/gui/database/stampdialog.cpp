#include "stampdialog.h"

#include "database/stampplanner.h"
#include "journal/journal.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtConcurrent>
#include <QVBoxLayout>

namespace Revscope {

namespace {

QString rowsText(const QStringList &rows)
{
    return rows.isEmpty() ? StampDialog::tr("(no row)") : rows.join(QLatin1String(", "));
}

} // namespace

StampDialog::StampDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Stamp the database"));
    m_database = new QLabel(this);
    m_database->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_suggestion = new QLabel(this);
    m_suggestion->setWordWrap(true);
    m_suggestion->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_useSuggestion = new QPushButton(tr("Use suggestion"), this);
    m_targets = new QLineEdit(this);
    m_targets->setPlaceholderText(tr("Revisions, separated by spaces (ids, labels, heads)"));
    m_preview = new QPlainTextEdit(this);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_result = new QLabel(this);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stamp = new QPushButton(tr("Stamp"), this);
    m_undo = new QPushButton(tr("Undo stamp"), this);
    m_undo->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Database:"), m_database);
    auto *suggestionRow = new QHBoxLayout;
    suggestionRow->addWidget(m_suggestion, 1);
    suggestionRow->addWidget(m_useSuggestion, 0, Qt::AlignTop);
    form->addRow(tr("Suggestion:"), suggestionRow);
    form->addRow(tr("Stamp at:"), m_targets);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_stamp, QDialogButtonBox::ActionRole);
    buttons->addButton(m_undo, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    resize(760, 480);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_targets, &QLineEdit::textChanged, this, &StampDialog::replan);
    connect(m_useSuggestion, &QPushButton::clicked, this,
            [this] { setTargets(m_plan.suggestion.revisions); });
    connect(m_stamp, &QPushButton::clicked, this, &StampDialog::startStamp);
    connect(m_undo, &QPushButton::clicked, this, &StampDialog::startUndo);
    connect(&m_watcher, &QFutureWatcher<StampResult>::finished, this, &StampDialog::onFinished);
}

StampDialog::~StampDialog()
{
    // The worker uses the journal and the URL copied into it; wait rather
    // than leave it running past the dialog.
    m_watcher.waitForFinished();
}

void StampDialog::setEnvironment(const EnvironmentInspection &environment, const DatabaseUrl &url,
                                 Journal *journal)
{
    m_environment = environment;
    m_url = url;
    m_journal = journal;
    m_lastJournalId = 0;
    m_result->clear();
    const StampPlan initial = StampPlanner::plan(m_environment, m_url, {});
    const StampSuggestion &suggestion = initial.suggestion;
    m_database->setText(tr("%1, table %2").arg(initial.url, initial.shownTable()));
    showSuggestion(suggestion);
    m_plan = initial;
    if (suggestion.available && !suggestion.revisions.isEmpty()) {
        setTargets(suggestion.revisions);
    } else {
        m_targets->clear();
    }
    replan();
}

void StampDialog::showSuggestion(const StampSuggestion &suggestion)
{
    const QString revisions = suggestion.available ? rowsText(suggestion.revisions) : tr("none");
    m_suggestion->setText(tr("%1\n%2").arg(revisions, suggestion.reason));
    m_useSuggestion->setEnabled(suggestion.available && !suggestion.revisions.isEmpty());
}

QStringList StampDialog::targets() const
{
    return m_targets->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

void StampDialog::setTargets(const QStringList &targets)
{
    m_targets->setText(targets.join(QLatin1Char(' ')));
}

void StampDialog::replan()
{
    m_plan = StampPlanner::plan(m_environment, m_url, targets());
    QString text;
    text += tr("Rows now:   %1").arg(rowsText(m_plan.rowsBefore)) + QLatin1Char('\n');
    if (m_plan.isValid()) {
        text += tr("Rows after: %1").arg(rowsText(m_plan.rowsAfter)) + QLatin1String("\n\n");
        if (m_plan.changesNothing()) {
            text += tr("No SQL: the table already holds these rows.");
        } else {
            text += tr("SQL, in one transaction that first re-reads the rows and stops if they "
                       "changed:") +
                    QLatin1Char('\n');
            for (const StampStatement &statement : std::as_const(m_plan.statements)) {
                text += statement.displaySql + QLatin1String(";\n");
            }
        }
    } else {
        text += QLatin1Char('\n') + m_plan.error;
    }
    m_preview->setPlainText(text);
    updateButtons();
}

void StampDialog::updateButtons()
{
    const bool busy = isBusy();
    m_stamp->setEnabled(!busy && m_journal && m_plan.isValid() && !m_plan.changesNothing());
    m_undo->setEnabled(!busy && m_journal && m_lastJournalId > 0);
    m_targets->setEnabled(!busy);
}

void StampDialog::startStamp()
{
    if (isBusy() || !m_plan.isValid() || !m_journal) {
        return;
    }
    m_runningUndo = false;
    m_result->setText(tr("Stamping..."));
    const DatabaseUrl url = m_url;
    const StampPlan plan = m_plan;
    Journal *journal = m_journal;
    m_watcher.setFuture(QtConcurrent::run(
        [url, plan, journal] { return StampExecutor(url, journal).execute(plan); }));
    updateButtons();
}

void StampDialog::startUndo()
{
    if (isBusy() || m_lastJournalId <= 0 || !m_journal) {
        return;
    }
    m_runningUndo = true;
    m_result->setText(tr("Undoing..."));
    const DatabaseUrl url = m_url;
    const qint64 id = m_lastJournalId;
    Journal *journal = m_journal;
    m_watcher.setFuture(
        QtConcurrent::run([url, id, journal] { return StampExecutor(url, journal).undo(id); }));
    updateButtons();
}

void StampDialog::onFinished()
{
    const StampResult result = m_watcher.result();
    m_result->setText(result.message);
    if (result.ok()) {
        // The table now holds what was written: later plans start from there.
        if (m_environment.database) {
            DatabaseState state = m_environment.database->database();
            state.versions = result.rowsAfter;
            state.status = state.versions.isEmpty() ? DatabaseState::Empty : DatabaseState::Ok;
            m_environment.database = std::make_shared<const DbStateCalculator>(
                m_environment.graph, state, m_environment.label);
        }
        if (m_runningUndo) {
            const qint64 id = m_lastJournalId;
            m_lastJournalId = 0;
            Q_EMIT undone(id);
        } else if (result.journalId > 0) {
            m_lastJournalId = result.journalId;
            Q_EMIT stamped(result.journalId);
        }
    }
    replan();
    showSuggestion(m_plan.suggestion);
    Q_EMIT operationFinished(result.ok(), result.message);
}

} // namespace Revscope
