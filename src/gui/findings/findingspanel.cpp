#include "findingspanel.h"

#include "findingsdecorator.h"
#include "models/findingsmodel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace Revscope {

FindingsPanel::FindingsPanel(QWidget *parent)
    : QWidget(parent), m_model(new FindingsModel(this)), m_filter(new FindingsFilterModel(this)),
      m_decorator(new FindingsDecorator(this))
{
    m_filter->setSourceModel(m_model);
    m_decorator->setSourceModel(m_filter);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(4, 4, 4, 0);
    m_severity = new QComboBox(this);
    m_severity->addItem(tr("All severities"), int(Severity::Info));
    m_severity->addItem(tr("Warnings and errors"), int(Severity::Warning));
    m_severity->addItem(tr("Errors only"), int(Severity::Error));
    m_severity->setToolTip(tr("Minimum severity shown"));
    filters->addWidget(m_severity);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Filter findings…"));
    m_search->setClearButtonEnabled(true);
    filters->addWidget(m_search, 1);
    m_count = new QLabel(this);
    filters->addWidget(m_count);
    const QIcon helpIcon = QIcon::fromTheme(QStringLiteral("help-contextual"),
                                            style()->standardIcon(QStyle::SP_MessageBoxQuestion));
    m_aboutAction = new QAction(helpIcon, tr("About This Finding"), this);
    // The button beside the filter says less than the menu entry.
    m_aboutAction->setIconText(tr("About"));
    m_aboutAction->setShortcut(QKeySequence::HelpContents);
    m_aboutAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_aboutAction);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        if (const Finding *finding = currentFinding()) {
            Q_EMIT helpRequested(finding->code);
        }
    });
    m_aboutButton = new QToolButton(this);
    m_aboutButton->setDefaultAction(m_aboutAction);
    m_aboutButton->setAutoRaise(true);
    m_aboutButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    filters->addWidget(m_aboutButton);
    layout->addLayout(filters);

    m_table = new QTableView(this);
    m_table->setModel(m_decorator);
    m_table->setIconSize(QSize(16, 16));
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Messages say what is wrong from their first words; paths elide in the
    // middle through the model's tooltips and the Location column's width.
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(FindingsModel::MessageColumn,
                                                      QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FindingsPanel::onCurrentChanged);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (const Finding *finding = findingAt(index)) {
            Q_EMIT findingActivated(*finding);
        }
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QTableView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (const Finding *finding = findingAt(index)) {
            m_table->setCurrentIndex(index);
            Q_EMIT contextMenuRequested(*finding, m_table->viewport()->mapToGlobal(pos));
        }
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumSeverity(Severity(m_severity->currentData().toInt()));
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        updateCount();
    });
    updateCount();
}

void FindingsPanel::setInspection(const InspectionPtr &inspection)
{
    // Keep the current finding across a reload when it is still there.
    const Finding *before = currentFinding();
    const QString code = before ? before->code : QString();
    const QString file = before ? before->file : QString();
    const int line = before ? before->line : 0;
    const QString revision = before ? before->revision : QString();
    const InspectionPtr previous = m_model->inspection();
    const bool fresh = inspection && (!previous || previous->root != inspection->root);

    m_model->setInspection(inspection);
    m_table->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    m_table->resizeColumnsToContents();
    // Long paths must not squeeze the message, which says what is wrong.
    const int maxLocation = qMax(120, m_table->viewport()->width() / 3);
    if (m_table->columnWidth(FindingsModel::LocationColumn) > maxLocation) {
        m_table->setColumnWidth(FindingsModel::LocationColumn, maxLocation);
    }
    m_table->horizontalHeader()->setSectionResizeMode(FindingsModel::MessageColumn,
                                                      QHeaderView::Stretch);
    updateCount();
    if (code.isEmpty()) {
        // A project opens on its most severe finding.
        if (fresh && m_decorator->rowCount() > 0) {
            m_table->setCurrentIndex(m_decorator->index(0, FindingsModel::MessageColumn));
        }
        return;
    }
    for (int row = 0; row < m_decorator->rowCount(); ++row) {
        const Finding *f = findingAt(m_decorator->index(row, 0));
        if (f && f->code == code && f->file == file && f->line == line && f->revision == revision) {
            m_table->setCurrentIndex(m_decorator->index(row, FindingsModel::MessageColumn));
            return;
        }
    }
}

void FindingsPanel::setEnvironment(const QString &label)
{
    m_filter->setEnvironment(label);
    updateCount();
}

void FindingsPanel::setMinimumSeverity(Severity severity)
{
    const int index = m_severity->findData(int(severity));
    if (index >= 0) {
        m_severity->setCurrentIndex(index);
    }
}

Severity FindingsPanel::minimumSeverity() const
{
    return m_filter->minimumSeverity();
}

void FindingsPanel::setFilterText(const QString &text)
{
    m_search->setText(text);
}

int FindingsPanel::visibleCount() const
{
    return m_decorator->rowCount();
}

const Finding *FindingsPanel::findingAt(const QModelIndex &viewIndex) const
{
    if (!viewIndex.isValid()) {
        return nullptr;
    }
    const QModelIndex source = m_filter->mapToSource(m_decorator->mapToSource(viewIndex));
    return m_model->findingAt(source.siblingAtColumn(0));
}

const Finding *FindingsPanel::currentFinding() const
{
    return findingAt(m_table->currentIndex());
}

bool FindingsPanel::selectFindingOf(const QString &revision)
{
    for (int row = 0; row < m_decorator->rowCount(); ++row) {
        const Finding *f = findingAt(m_decorator->index(row, 0));
        if (f && f->revision == revision) {
            m_table->setCurrentIndex(m_decorator->index(row, FindingsModel::MessageColumn));
            m_table->scrollTo(m_table->currentIndex());
            return true;
        }
    }
    return false;
}

void FindingsPanel::onCurrentChanged(const QModelIndex &current)
{
    updateAboutAction();
    if (const Finding *finding = findingAt(current)) {
        Q_EMIT findingSelected(*finding);
    } else {
        Q_EMIT selectionCleared();
    }
}

void FindingsPanel::updateAboutAction()
{
    const Finding *finding = currentFinding();
    m_aboutAction->setEnabled(finding != nullptr);
    const QString code = finding ? finding->code : QString();
    m_aboutAction->setToolTip(
        finding ? tr("About %1: what it means, how it bites, how to fix it (F1)").arg(code)
                : tr("About This Finding: select a finding first"));
}

void FindingsPanel::updateCount()
{
    updateAboutAction();
    const int shown = m_decorator->rowCount();
    const int total = m_model->rowCount();
    m_count->setText(shown == total ? tr("%n finding(s)", nullptr, total)
                                    : tr("%1 of %2").arg(shown).arg(total));
}

} // namespace Revscope
