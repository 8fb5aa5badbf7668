#include "imagetreemodel.h"

#include "image/gopath.h"

#include <QFileInfo>
#include <QLocale>

namespace Revscope {

namespace {

QString relativeTo(const Inspection &inspection, const QString &path)
{
    return inspection.relativePath(path);
}

} // namespace

ImageTreeModel::ImageTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_nodes.emplace_back();
}

void ImageTreeModel::setTarget(const InspectionPtr &inspection, int target)
{
    beginResetModel();
    m_inspection = inspection;
    m_target = inspection && target >= 0 && target < inspection->images.size() ? target : -1;
    rebuild();
    endResetModel();
}

void ImageTreeModel::setShowExcluded(bool show)
{
    if (show == m_showExcluded) {
        return;
    }
    beginResetModel();
    m_showExcluded = show;
    rebuild();
    endResetModel();
}

int ImageTreeModel::addNode(int parent, Node node)
{
    const int index = int(m_nodes.size());
    node.parent = parent;
    node.row = int(m_nodes[size_t(parent)].children.size());
    m_nodes[size_t(parent)].children.push_back(index);
    m_nodes.push_back(std::move(node));
    return index;
}

// The folder node of `path` ('/'-separated, under `top`), made with its
// ancestors when missing. `folders` maps paths to nodes.
int ImageTreeModel::folderFor(const QString &path, int top, QHash<QString, int> &folders, Kind kind)
{
    if (path.isEmpty() || path == u"/" || path == u".") {
        return top;
    }
    const auto it = folders.constFind(path);
    if (it != folders.constEnd()) {
        return it.value();
    }
    const int parent = folderFor(GoPath::dir(path), top, folders, kind);
    Node node;
    node.name = GoPath::baseName(path);
    node.kind = kind;
    if (kind == Kind::ImageFolder) {
        node.imagePath = path;
    } else {
        node.contextPath = path;
    }
    const int index = addNode(parent, std::move(node));
    folders.insert(path, index);
    return index;
}

void ImageTreeModel::rebuild()
{
    m_nodes.clear();
    m_nodes.emplace_back();
    m_imageIndex.clear();
    m_contextIndex.clear();
    m_imageFiles = 0;
    m_excludedFiles = 0;
    if (m_target < 0) {
        return;
    }
    const Inspection &inspection = *m_inspection;
    const ImageTarget &target = inspection.images.at(m_target);
    const ImageSimulation &sim = target.simulation;
    const QString dockerfileName = relativeTo(inspection, sim.dockerfile);
    const QList<ContextEntry> empty;
    const QList<ContextEntry> &entries = sim.buildContext ? sim.buildContext->entries() : empty;
    const QString contextPrefix =
        sim.context == inspection.root ? QString() : relativeTo(inspection, sim.context) + u'/';

    Node rootNode;
    rootNode.name = QStringLiteral("/");
    rootNode.imagePath = QStringLiteral("/");
    rootNode.kind = Kind::ImageFolder;
    const int imageRoot = addNode(0, std::move(rootNode));
    m_imageIndex.insert(QStringLiteral("/"), imageRoot);
    for (const ImageNode &imageNode : sim.image) {
        const int parent =
            folderFor(GoPath::dir(imageNode.path), imageRoot, m_imageIndex, Kind::ImageFolder);
        Node node;
        node.name = GoPath::baseName(imageNode.path);
        node.imagePath = imageNode.path;
        node.kind = imageNode.directory ? Kind::ImageFolder : Kind::ImageFile;
        if (imageNode.line > 0) {
            node.why =
                QStringLiteral("%1:%2 %3")
                    .arg(dockerfileName, QString::number(imageNode.line), imageNode.instruction);
            node.whyFile = sim.dockerfile;
            node.whyLine = imageNode.line;
        }
        switch (imageNode.origin) {
        case ImageNode::Origin::Context:
            if (imageNode.contextIndex >= 0 && imageNode.contextIndex < entries.size()) {
                const ContextEntry &entry = entries.at(imageNode.contextIndex);
                node.contextPath = contextPrefix + entry.path;
                node.from = node.contextPath;
                node.size = imageNode.directory ? 0 : entry.size;
            }
            break;
        case ImageNode::Origin::Heredoc:
            node.from = tr("here-document %1").arg(imageNode.heredoc);
            break;
        case ImageNode::Origin::FromStage:
            node.from = tr("stage %1: %2").arg(imageNode.viaStage, imageNode.stagePath);
            break;
        case ImageNode::Origin::Created:
            break;
        }
        if (!imageNode.archive.isEmpty()) {
            // Unpacked by ADD: the member, and the archive it came from.
            node.from = imageNode.archiveMember.isEmpty()
                            ? tr("archive %1, unpacked").arg(contextPrefix + imageNode.archive)
                            : tr("archive %1: %2")
                                  .arg(contextPrefix + imageNode.archive, imageNode.archiveMember);
        }
        if (!imageNode.viaStage.isEmpty() && imageNode.origin == ImageNode::Origin::Context) {
            node.from = tr("stage %1: %2").arg(imageNode.viaStage, node.contextPath);
        }
        const auto existing = m_imageIndex.constFind(imageNode.path);
        if (existing != m_imageIndex.constEnd()) {
            // A folder made implicitly before its own entry: fill it in.
            Node &folder = m_nodes[size_t(existing.value())];
            folder.from = node.from;
            folder.contextPath = node.contextPath;
            folder.why = node.why;
            folder.whyFile = node.whyFile;
            folder.whyLine = node.whyLine;
            continue;
        }
        m_imageIndex.insert(imageNode.path, addNode(parent, std::move(node)));
        m_imageFiles += imageNode.directory ? 0 : 1;
    }

    if (m_showExcluded) {
        Node group;
        group.kind = Kind::Group;
        const int groupIndex = addNode(0, std::move(group));
        QHash<QString, int> folders;
        for (const ContextFileFate &fate : sim.files) {
            if (fate.included) {
                continue;
            }
            const QString path = contextPrefix + fate.contextPath;
            Node node;
            node.name = GoPath::baseName(path);
            node.contextPath = path;
            node.from = path;
            node.size = fate.size;
            switch (fate.kind) {
            case ContextFileFate::Kind::Ignored:
                node.kind = Kind::Excluded;
                break;
            case ContextFileFate::Kind::RemovedByRun:
                node.kind = Kind::Removed;
                break;
            default:
                node.kind = Kind::NotCopied;
                break;
            }
            if (fate.kind == ContextFileFate::Kind::NotCopied) {
                node.why = tr("not copied");
            } else {
                node.why = QStringLiteral("%1:%2 %3")
                               .arg(relativeTo(inspection, fate.reasonFile),
                                    QString::number(fate.reasonLine), fate.reasonText);
                node.whyFile = fate.reasonFile;
                node.whyLine = fate.reasonLine;
            }
            const int parent = folderFor(GoPath::dir(path), groupIndex, folders, Kind::Group);
            m_contextIndex.insert(path, addNode(parent, std::move(node)));
            ++m_excludedFiles;
        }
        m_nodes[size_t(groupIndex)].name =
            tr("Not in the image (%n context file(s))", nullptr, m_excludedFiles);
    }

    // Folder sizes: children always come after their parent.
    for (size_t i = m_nodes.size() - 1; i > 1; --i) {
        const int parent = m_nodes[i].parent;
        if (parent > 0) {
            m_nodes[size_t(parent)].size += m_nodes[i].size;
        }
    }
}

QModelIndex ImageTreeModel::indexOfImagePath(const QString &imagePath) const
{
    const int node = m_imageIndex.value(imagePath, -1);
    return node > 0 ? createIndex(m_nodes[size_t(node)].row, 0, quintptr(node)) : QModelIndex();
}

QModelIndex ImageTreeModel::indexOfContextPath(const QString &contextPath) const
{
    const int node = m_contextIndex.value(contextPath, -1);
    return node > 0 ? createIndex(m_nodes[size_t(node)].row, 0, quintptr(node)) : QModelIndex();
}

const ImageTreeModel::Node *ImageTreeModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid()) {
        return &m_nodes.front();
    }
    const size_t node = size_t(index.internalId());
    return node < m_nodes.size() ? &m_nodes[node] : nullptr;
}

QModelIndex ImageTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 ||
        (parent.isValid() && parent.column() != 0)) {
        return {};
    }
    const Node *node = nodeOf(parent);
    if (!node || size_t(row) >= node->children.size()) {
        return {};
    }
    return createIndex(row, column, quintptr(node->children[size_t(row)]));
}

QModelIndex ImageTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) {
        return {};
    }
    const Node *node = nodeOf(child);
    if (!node || node->parent <= 0) {
        return {};
    }
    return createIndex(m_nodes[size_t(node->parent)].row, 0, quintptr(node->parent));
}

int ImageTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0) {
        return 0;
    }
    const Node *node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int ImageTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

QVariant ImageTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const Node *node = nodeOf(index);
    if (!node) {
        return {};
    }
    const bool folder = node->kind == Kind::ImageFolder || node->kind == Kind::Group;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PathColumn:
            return node->name;
        case FromColumn:
            return node->from;
        case SizeColumn:
            if (folder && node->size == 0) {
                return QString();
            }
            return QLocale().formattedDataSize(node->size, 1, QLocale::DataSizeTraditionalFormat);
        case WhyColumn:
            return node->why;
        default:
            return {};
        }
    case Qt::ToolTipRole: {
        const QString path = node->imagePath.isEmpty() ? node->contextPath : node->imagePath;
        return node->why.isEmpty() ? path : path + u'\n' + node->why;
    }
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case KindRole:
        return int(node->kind);
    case ImagePathRole:
        return node->imagePath;
    case ContextPathRole:
        return node->contextPath;
    case FileRole:
        return node->whyFile;
    case LineRole:
        return node->whyLine;
    case SizeRole:
        return node->size;
    case IsDirectoryRole:
        return folder;
    default:
        return {};
    }
}

QVariant ImageTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case PathColumn:
        return tr("Path");
    case FromColumn:
        return tr("From");
    case SizeColumn:
        return tr("Size");
    case WhyColumn:
        return tr("Why");
    default:
        return {};
    }
}

ImageTreeFilterModel::ImageTreeFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
}

void ImageTreeFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text) {
        return;
    }
    m_text = trimmed;
    invalidateFilter();
}

bool ImageTreeFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty()) {
        return true;
    }
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString imagePath = index.data(ImageTreeModel::ImagePathRole).toString();
    const QString contextPath = index.data(ImageTreeModel::ContextPathRole).toString();
    return imagePath.contains(m_text, Qt::CaseInsensitive) ||
           contextPath.contains(m_text, Qt::CaseInsensitive);
}

bool ImageTreeFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (left.column() == ImageTreeModel::SizeColumn) {
        return left.data(ImageTreeModel::SizeRole).toLongLong() <
               right.data(ImageTreeModel::SizeRole).toLongLong();
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace Revscope
