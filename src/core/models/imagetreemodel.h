#pragma once

#include "inspection/inspection.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace Revscope {

// The file system of one simulated image as a tree: every path the
// Dockerfile puts in the image under "/", and, when asked, the build-context
// files that do not reach it under a group of their own. Columns: path, from
// (context path or stage), size, why (the Dockerfile line or ignore line).
// Headless (QtCore only); the GUI adds icons.
class ImageTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { PathColumn, FromColumn, SizeColumn, WhyColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        ImagePathRole,               // absolute image path; empty outside the image
        ContextPathRole,             // relative to the project root; empty when not from it
        FileRole,                    // absolute file of the "why" (Dockerfile, ignore file)
        LineRole,                    // its line, 0 when none
        SizeRole,                    // qint64 bytes (folders: everything inside)
        IsDirectoryRole,
    };
    enum class Kind {
        ImageFile,   // in the image
        ImageFolder, // in the image
        Excluded,    // a context file the ignore file keeps from the builder
        NotCopied,   // sent, but no COPY/ADD puts it in the image
        Removed,     // copied, then deleted by a RUN line
        Group,       // the folder or group heading of excluded files
    };

    explicit ImageTreeModel(QObject *parent = nullptr);

    // Shows image target `target` of `inspection` (none when out of range).
    void setTarget(const InspectionPtr &inspection, int target);
    int target() const { return m_target; }
    void setShowExcluded(bool show);
    bool showExcluded() const { return m_showExcluded; }

    int imageFileCount() const { return m_imageFiles; }
    int excludedFileCount() const { return m_excludedFiles; }

    // The item of an image path ("/app/alembic.ini") or of a context path
    // relative to the project root shown in the excluded group.
    QModelIndex indexOfImagePath(const QString &imagePath) const;
    QModelIndex indexOfContextPath(const QString &contextPath) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const final;
    QModelIndex parent(const QModelIndex &child) const final;
    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const final;

private:
    struct Node
    {
        QString name;
        int parent = -1;
        int row = 0;
        std::vector<int> children;
        Kind kind = Kind::ImageFolder;
        QString imagePath;
        QString contextPath;
        QString from;
        qint64 size = 0;
        QString why;
        QString whyFile;
        int whyLine = 0;
    };

    void rebuild();
    int addNode(int parent, Node node);
    int folderFor(const QString &path, int top, QHash<QString, int> &folders, Kind kind);
    const Node *nodeOf(const QModelIndex &index) const;

    InspectionPtr m_inspection;
    int m_target = -1;
    bool m_showExcluded = false;
    std::vector<Node> m_nodes; // [0] is the invisible root
    QHash<QString, int> m_imageIndex;
    QHash<QString, int> m_contextIndex;
    int m_imageFiles = 0;
    int m_excludedFiles = 0;
};

// Search over the tree: keeps the items whose path (image or context path)
// contains the text, with their folders.
class ImageTreeFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ImageTreeFilterModel(QObject *parent = nullptr);
    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const final;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const final;

private:
    QString m_text;
};

} // namespace Revscope
