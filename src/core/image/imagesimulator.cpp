#include "imagesimulator.h"

#include "image/gopath.h"
#include "image/shellword.h"
#include "image/tararchive.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <map>

namespace Revscope {

namespace {

using FileSystem = std::map<QString, ImageNode>;

// One thing to place: a file or folder (with its contents) from the context,
// another stage, or a here-document.
struct Item
{
    QString name; // base name
    bool directory = false;
    ImageNode node; // origin fields filled in
};

struct Child
{
    QString relative;
    bool directory = false;
    ImageNode node;
};

struct StageState
{
    FileSystem fs;
    BuildVariables vars;
    QSet<QString> envNames;
    QString workdir = QStringLiteral("/");
    QString user;
    QStringList cmd;
    int cmdLine = 0;
    QStringList entrypoint;
    int entrypointLine = 0;
    QStringList volumes;
    bool dontWriteBytecode = false;
    int dontWriteBytecodeLine = 0;
    QHash<int, RunStep> removedBy; // context index -> the RUN that deleted its copy
};

struct Stage
{
    QString name; // lower case, empty when unnamed
    QString base; // expanded image name
    int baseStage = -1;
    int fromLine = 0;
    QList<int> instructions; // indices into Dockerfile::instructions()
};

bool subtreeRange(const FileSystem &fs, const QString &path, FileSystem::const_iterator *lo,
                  FileSystem::const_iterator *hi)
{
    if (path == u"/") {
        *lo = fs.begin();
        *hi = fs.end();
    } else {
        *lo = fs.lower_bound(path + u'/');
        *hi = fs.lower_bound(path + u'0'); // '0' follows '/'
    }
    return *lo != *hi;
}

QString joinImage(const QString &dir, const QString &relative)
{
    if (dir == u"/") {
        return u'/' + relative;
    }
    return dir + u'/' + relative;
}

class Run
{
public:
    Run(const ImageBuildRequest &request, const BuildContext &context, const Dockerfile &dockerfile,
        ImageSimulation *out)
        : m_request(request), m_context(context), m_df(dockerfile), m_out(out)
    {}

    void execute();

private:
    void fail(int line, const QString &message,
              const QString &code = QStringLiteral("image-build-error"))
    {
        m_out->failed = true;
        m_out->findings.append(
            Finding::make(code, Severity::Error, message, m_df.fileName(), line));
    }
    QString expand(const QString &word, const BuildVariables &vars, int line)
    {
        QString error;
        const QString value = ShellWord::expand(word, vars, m_df.escape(), &error);
        if (!error.isEmpty()) {
            fail(line, error, QStringLiteral("dockerfile-error"));
        }
        return value;
    }
    void runStage(int index);
    void copy(StageState &state, const DockerInstruction &instruction, bool isAdd);
    void run(StageState &state, const DockerInstruction &instruction);
    void mkdirAll(FileSystem &fs, const QString &path, const ImageNode &templ);
    void removeTree(StageState &state, const QString &path, RunStep *step);
    void place(FileSystem &fs, const Item &item, const QList<Child> &children, const QString &dest,
               bool link);
    bool contextSources(const QString &source, int line, QList<int> *indices, QStringList *names);
    bool followLinks(const QString &relative, QString *resolved, bool *escaped) const;
    void extract(StageState &state, const TarListing &listing, int index, const QString &dest,
                 const DockerInstruction &instruction);
    QList<Child> contextChildren(int index, const DockerIgnore *exclude) const;
    int stageIndexOf(const QString &from, int current) const;
    void finish(const StageState &target);

    const ImageBuildRequest &m_request;
    const BuildContext &m_context;
    const Dockerfile &m_df;
    ImageSimulation *m_out;
    QList<Stage> m_stages;
    QList<StageState> m_states;
    QList<bool> m_done;
    BuildVariables m_globalArgs;
    int m_currentStage = 0;
    QHash<int, RunStep> m_removedBy;

public:
    const QHash<int, RunStep> &removedBy() const { return m_removedBy; }
};

int Run::stageIndexOf(const QString &from, int current) const
{
    bool isNumber = false;
    const int number = from.toInt(&isNumber);
    if (isNumber) {
        return number >= 0 && number < current ? number : -2;
    }
    const QString name = from.toLower();
    for (int i = 0; i < current; ++i) {
        if (m_stages.at(i).name == name) {
            return i;
        }
    }
    return -1; // an image or a named context
}

void Run::execute()
{
    // Stages, and the global ARGs before the first FROM.
    const QList<DockerInstruction> &instructions = m_df.instructions();
    for (int i = 0; i < instructions.size(); ++i) {
        const DockerInstruction &instruction = instructions.at(i);
        if (instruction.keyword == u"FROM") {
            Stage stage;
            stage.fromLine = instruction.line;
            const QStringList words = instruction.args;
            if (!words.isEmpty()) {
                stage.base = expand(words.first(), m_globalArgs, instruction.line);
            }
            if (words.size() >= 3 && words.at(1).compare(u"as", Qt::CaseInsensitive) == 0) {
                stage.name = words.at(2).toLower();
            }
            const QString baseName = stage.base.toLower();
            for (int s = 0; s < m_stages.size(); ++s) {
                if (!m_stages.at(s).name.isEmpty() && m_stages.at(s).name == baseName) {
                    stage.baseStage = s;
                }
            }
            m_stages.append(stage);
            m_out->stages.append(stage.name);
            continue;
        }
        if (m_stages.isEmpty()) {
            if (instruction.keyword == u"ARG") {
                const QStringList words =
                    ShellWord::splitWords(instruction.arguments, m_df.escape());
                for (const QString &word : words) {
                    const qsizetype eq = word.indexOf(u'=');
                    const QString name = eq < 0 ? word : word.left(eq);
                    if (m_request.buildArgs.contains(name)) {
                        m_globalArgs.set(name, m_request.buildArgs.value(name));
                    } else if (eq >= 0) {
                        m_globalArgs.set(name,
                                         expand(word.mid(eq + 1), m_globalArgs, instruction.line));
                    }
                }
            }
            continue;
        }
        m_stages.last().instructions.append(i);
    }
    if (m_stages.isEmpty()) {
        return;
    }

    int target = int(m_stages.size()) - 1;
    if (!m_request.target.isEmpty()) {
        target = stageIndexOf(m_request.target, int(m_stages.size()));
        if (target < 0) {
            fail(0, QCoreApplication::translate("ImageSimulator",
                                                "The target stage “%1” is not in the Dockerfile.")
                        .arg(m_request.target));
            return;
        }
    }
    m_out->targetStage = target;
    m_states.resize(m_stages.size());
    m_done.fill(false, m_stages.size());
    runStage(target);
    finish(m_states.at(target));
}

void Run::runStage(int index)
{
    if (m_done.at(index)) {
        return;
    }
    m_done[index] = true;
    const Stage &stage = m_stages.at(index);
    // Stages this one needs: its base, and every --from it copies from.
    if (stage.baseStage >= 0) {
        runStage(stage.baseStage);
    }
    const QList<DockerInstruction> &instructions = m_df.instructions();
    for (int i : stage.instructions) {
        const DockerInstruction &instruction = instructions.at(i);
        if (instruction.keyword == u"COPY" || instruction.keyword == u"ADD") {
            bool present = false;
            const QString from = instruction.flag(QStringLiteral("from"), &present);
            if (present) {
                const int other = stageIndexOf(from, index);
                if (other >= 0) {
                    runStage(other);
                }
            }
        }
    }

    m_currentStage = index;
    StageState state;
    if (stage.baseStage >= 0) {
        state = m_states.at(stage.baseStage);
    }
    for (int i : stage.instructions) {
        const DockerInstruction &instruction = instructions.at(i);
        const QString &kw = instruction.keyword;
        if (kw == u"ARG") {
            const QStringList words = ShellWord::splitWords(instruction.arguments, m_df.escape());
            for (const QString &word : words) {
                const qsizetype eq = word.indexOf(u'=');
                const QString name = eq < 0 ? word : word.left(eq);
                if (state.envNames.contains(name)) {
                    continue; // ENV wins over ARG
                }
                if (m_request.buildArgs.contains(name)) {
                    state.vars.set(name, m_request.buildArgs.value(name));
                } else if (eq >= 0) {
                    state.vars.set(name, expand(word.mid(eq + 1), state.vars, instruction.line));
                } else if (m_globalArgs.isSet(name)) {
                    state.vars.set(name, m_globalArgs.value(name));
                }
            }
        } else if (kw == u"ENV") {
            const QStringList words = ShellWord::splitWords(instruction.arguments, m_df.escape());
            const BuildVariables before = state.vars;
            QList<QPair<QString, QString>> assignments;
            if (!words.isEmpty() && !words.first().contains(u'=')) {
                // Legacy `ENV NAME value with spaces`.
                QString value = instruction.arguments.trimmed().mid(words.first().size()).trimmed();
                assignments.append({words.first(), expand(value, before, instruction.line)});
            } else {
                for (const QString &word : words) {
                    const qsizetype eq = word.indexOf(u'=');
                    if (eq <= 0) {
                        continue;
                    }
                    assignments.append(
                        {word.left(eq), expand(word.mid(eq + 1), before, instruction.line)});
                }
            }
            for (const auto &assignment : assignments) {
                state.vars.set(assignment.first, assignment.second);
                state.envNames.insert(assignment.first);
                if (assignment.first == u"PYTHONDONTWRITEBYTECODE") {
                    state.dontWriteBytecode = !assignment.second.isEmpty();
                    state.dontWriteBytecodeLine = instruction.line;
                }
            }
        } else if (kw == u"WORKDIR") {
            const QString value = expand(instruction.arguments, state.vars, instruction.line);
            state.workdir =
                value.startsWith(u'/') ? GoPath::clean(value) : GoPath::join(state.workdir, value);
            if (state.workdir != u"/") {
                ImageNode node;
                node.origin = ImageNode::Origin::Created;
                node.line = instruction.line;
                node.instruction = instruction.text;
                mkdirAll(state.fs, state.workdir, node);
            }
        } else if (kw == u"USER") {
            state.user = expand(instruction.arguments, state.vars, instruction.line);
        } else if (kw == u"CMD" || kw == u"ENTRYPOINT") {
            QStringList command = instruction.args;
            if (!instruction.jsonForm) {
                command = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), instruction.arguments};
            }
            if (kw == u"CMD") {
                state.cmd = command;
                state.cmdLine = instruction.line;
            } else {
                state.entrypoint = command;
                state.entrypointLine = instruction.line;
                // A new ENTRYPOINT resets an inherited CMD.
                if (state.cmdLine < stage.fromLine) {
                    state.cmd.clear();
                    state.cmdLine = 0;
                }
            }
        } else if (kw == u"VOLUME") {
            for (const QString &word : instruction.args) {
                state.volumes.append(expand(word, state.vars, instruction.line));
            }
        } else if (kw == u"COPY" || kw == u"ADD") {
            copy(state, instruction, kw == u"ADD");
        } else if (kw == u"RUN") {
            run(state, instruction);
        }
    }
    m_states[index] = state;
}

void Run::mkdirAll(FileSystem &fs, const QString &path, const ImageNode &templ)
{
    if (path.isEmpty() || path == u"/") {
        return;
    }
    qsizetype slash = 0;
    while (slash >= 0) {
        slash = path.indexOf(u'/', slash + 1);
        const QString prefix = slash < 0 ? path : path.left(slash);
        auto it = fs.find(prefix);
        if (it != fs.end() && it->second.directory) {
            continue;
        }
        ImageNode node = templ;
        node.path = prefix;
        node.directory = true;
        node.origin = ImageNode::Origin::Created;
        node.contextIndex = -1;
        fs[prefix] = node;
    }
}

void Run::place(FileSystem &fs, const Item &item, const QList<Child> &children, const QString &dest,
                bool link)
{
    const bool slash = dest.endsWith(u'/') || dest.endsWith(QStringLiteral("/."));
    const QString target = GoPath::clean(dest);
    ImageNode made = item.node;
    if (slash) {
        mkdirAll(fs, target, made);
    } else {
        mkdirAll(fs, GoPath::dir(target), made);
    }
    if (item.directory) {
        mkdirAll(fs, target, made);
        for (const Child &child : children) {
            ImageNode node = child.node;
            node.path = joinImage(target, child.relative);
            node.directory = child.directory;
            if (node.directory) {
                auto it = fs.find(node.path);
                if (it != fs.end() && it->second.directory) {
                    continue; // folders merge
                }
            }
            fs[node.path] = node;
        }
        return;
    }
    // With --link the destination is checked in an empty scratch folder.
    auto existing = fs.find(target);
    const bool intoFolder =
        target == u"/" || (link ? slash : (existing != fs.end() && existing->second.directory));
    ImageNode node = item.node;
    node.directory = false;
    node.path = intoFolder ? joinImage(target, item.name) : target;
    auto old = fs.find(node.path);
    if (old != fs.end() && old->second.directory) {
        FileSystem::const_iterator lo;
        FileSystem::const_iterator hi;
        if (subtreeRange(fs, node.path, &lo, &hi)) {
            fs.erase(lo, hi);
        }
    }
    fs[node.path] = node;
}

QList<Child> Run::contextChildren(int index, const DockerIgnore *exclude) const
{
    const QList<ContextEntry> &entries = m_context.entries();
    const int begin = index < 0 ? 0 : index + 1;
    const int end = index < 0 ? int(entries.size()) : entries.at(index).subtreeEnd;
    const qsizetype prefix = index < 0 ? 0 : entries.at(index).path.size() + 1;
    QList<Child> children;
    QList<int> kept;
    for (int i = begin; i < end; ++i) {
        const ContextEntry &entry = entries.at(i);
        if (!entry.sent) {
            continue;
        }
        Child child;
        child.relative = entry.path.mid(prefix);
        child.directory = entry.isDirectory();
        child.node.origin = ImageNode::Origin::Context;
        child.node.contextIndex = i;
        // Links inside a copied folder stay links.
        child.node.symlink = entry.type == ContextEntry::Type::SymLink;
        child.node.linkTarget = entry.linkTarget;
        children.append(child);
        kept.append(i);
    }
    if (!exclude || exclude->isEmpty()) {
        return children;
    }
    // --exclude: the ignore-file walk, relative to the copied folder.
    QList<DockerIgnore::WalkEntry> walk;
    QHash<int, int> position;
    for (qsizetype k = 0; k < children.size(); ++k) {
        const int parentIndex = entries.at(kept.at(k)).parent;
        walk.append(
            {children.at(k).relative, children.at(k).directory, position.value(parentIndex, -1)});
        position.insert(kept.at(k), int(k));
    }
    const std::vector<DockerIgnore::WalkResult> results = exclude->walk(walk);
    QList<Child> filtered;
    for (qsizetype k = 0; k < children.size(); ++k) {
        if (results[size_t(k)].sent) {
            filtered.append(children.at(k));
        }
    }
    return filtered;
}

// Follows symlinks in every component of a context path the way BuildKit
// resolves a source (fs.RootPath): never above the context root. `escaped`
// tells whether a link pointed outside the context. False on a link loop.
bool Run::followLinks(const QString &relative, QString *resolved, bool *escaped) const
{
    QStringList pending = relative.split(u'/');
    QStringList current;
    int hops = 0;
    *escaped = false;
    while (!pending.isEmpty()) {
        const QString part = pending.takeFirst();
        if (part.isEmpty() || part == u".") {
            continue;
        }
        if (part == u"..") {
            if (current.isEmpty()) {
                *escaped = true;
            } else {
                current.removeLast();
            }
            continue;
        }
        current.append(part);
        const int index = m_context.indexOf(current.join(u'/'));
        if (index < 0 || m_context.entries().at(index).type != ContextEntry::Type::SymLink ||
            !m_context.entries().at(index).sent) {
            continue;
        }
        if (++hops > 255) {
            return false;
        }
        current.removeLast();
        const QString target = m_context.entries().at(index).linkTarget;
        if (target.startsWith(u'/')) {
            *escaped = true; // an absolute host path; BuildKit reads it below the root
            current.clear();
        }
        pending = target.split(u'/') + pending;
    }
    *resolved = current.join(u'/');
    return true;
}

bool Run::contextSources(const QString &source, int line, QList<int> *indices, QStringList *names)
{
    const QString cleaned = GoPath::clean(QString(u'/' + source));
    const QString relative = cleaned.mid(1);
    if (!GoPath::hasWildcard(relative)) {
        if (relative.isEmpty()) {
            indices->append(-1);
            names->append(QString());
            return true;
        }
        int index = m_context.indexOf(relative);
        if (index < 0) {
            // A symlinked folder on the way is followed too.
            QString resolved;
            bool escaped = false;
            if (followLinks(relative, &resolved, &escaped) && !resolved.isEmpty()) {
                const int target = m_context.indexOf(resolved);
                if (target >= 0 && m_context.entries().at(target).sent) {
                    index = target;
                }
            }
        }
        if (index < 0 || !m_context.entries().at(index).sent) {
            const bool ignored = index >= 0;
            fail(line, ignored ? QCoreApplication::translate(
                                     "ImageSimulator",
                                     "COPY source “%1” is excluded by the ignore file, so the "
                                     "build fails with “not found”.")
                                     .arg(source)
                               : QCoreApplication::translate(
                                     "ImageSimulator",
                                     "COPY source “%1” is not in the build context: the build "
                                     "fails with “not found”.")
                                     .arg(source));
            return false;
        }
        indices->append(index);
        names->append(GoPath::baseName(relative));
        return true;
    }
    // Split at the first component holding a wildcard: literal base + pattern.
    const QStringList parts = relative.split(u'/');
    qsizetype k = 0;
    while (k < parts.size() && !GoPath::hasWildcard(parts.at(k))) {
        ++k;
    }
    QString base = parts.mid(0, k).join(u'/');
    base.remove(QRegularExpression(QStringLiteral("\\\\(?=.)")));
    const QString tail = parts.mid(k).join(u'/');
    const qsizetype tailDepth = tail.count(u'/');
    int baseIndex = -1;
    if (!base.isEmpty()) {
        baseIndex = m_context.indexOf(base);
        if (baseIndex < 0 || !m_context.entries().at(baseIndex).sent ||
            !m_context.entries().at(baseIndex).isDirectory()) {
            fail(line, QCoreApplication::translate(
                           "ImageSimulator",
                           "COPY source “%1”: the folder “%2” is not in the build context, so "
                           "the build fails.")
                           .arg(source, base));
            return false;
        }
    }
    const QList<ContextEntry> &entries = m_context.entries();
    const int begin = baseIndex < 0 ? 0 : baseIndex + 1;
    const int end = baseIndex < 0 ? int(entries.size()) : entries.at(baseIndex).subtreeEnd;
    const qsizetype prefix = base.isEmpty() ? 0 : base.size() + 1;
    for (int i = begin; i < end;) {
        const ContextEntry &entry = entries.at(i);
        if (!entry.sent) {
            ++i;
            continue;
        }
        const QStringView rel = QStringView(entry.path).mid(prefix);
        if (GoPath::match(tail, rel)) {
            indices->append(i);
            names->append(GoPath::baseName(entry.path));
            i = entry.isDirectory() ? entry.subtreeEnd : i + 1;
            continue;
        }
        // Deeper than the pattern: nothing inside can match ('*' never crosses '/').
        if (entry.isDirectory() && rel.count(u'/') >= tailDepth) {
            i = entry.subtreeEnd;
            continue;
        }
        ++i;
    }
    return true;
}

void Run::copy(StageState &state, const DockerInstruction &instruction, bool isAdd)
{
    const int line = instruction.line;
    QStringList words = instruction.args;
    QString dest = expand(words.takeLast(), state.vars, line);
    // A relative destination is taken against WORKDIR; "." or empty means the folder itself.
    if (dest.isEmpty() || dest == u".") {
        dest = state.workdir == u"/" ? QStringLiteral("/") : state.workdir + u'/';
    } else if (!dest.startsWith(u'/')) {
        const bool slash = dest.endsWith(u'/') || dest.endsWith(QStringLiteral("/."));
        dest = GoPath::join(state.workdir, dest);
        if (slash && dest != u"/") {
            dest += u'/';
        }
    }
    bool link = false;
    const QString linkValue = instruction.flag(QStringLiteral("link"), &link);
    link = link && linkValue != u"false";
    bool parents = false;
    const QString parentsValue = instruction.flag(QStringLiteral("parents"), &parents);
    parents = parents && parentsValue != u"false" && !isAdd;
    bool hasFrom = false;
    const QString from = instruction.flag(QStringLiteral("from"), &hasFrom);
    // ADD extracts local archives unless --unpack=false.
    bool unpackSet = false;
    const QString unpackValue = instruction.flag(QStringLiteral("unpack"), &unpackSet);
    const bool unpack = !(unpackSet && unpackValue == u"false");
    const QStringList excludes = instruction.flagValues(QStringLiteral("exclude"));
    const DockerIgnore exclude = DockerIgnore::fromPatterns(excludes, m_df.fileName());

    ImageNode base;
    base.line = line;
    base.instruction = instruction.text;

    int fromStage = -1;
    if (hasFrom) {
        fromStage = stageIndexOf(from, m_currentStage);
        if (fromStage == -2) {
            fail(line,
                 QCoreApplication::translate(
                     "ImageSimulator", "COPY --from=%1 names a stage that is not before this one.")
                     .arg(from));
            return;
        }
    }

    for (const QString &raw : std::as_const(words)) {
        // Here-documents become files named after them.
        if (raw.startsWith(QStringLiteral("<<")) && !hasFrom) {
            QString name = raw.mid(2);
            if (name.startsWith(u'-')) {
                name.remove(0, 1);
            }
            name.remove(u'"');
            name.remove(u'\'');
            Item item;
            item.name = name;
            item.node = base;
            item.node.origin = ImageNode::Origin::Heredoc;
            item.node.heredoc = name;
            place(state.fs, item, {}, dest, link);
            continue;
        }
        const QString source = expand(raw, state.vars, line);
        if (isAdd && (source.contains(QStringLiteral("://")) || source.startsWith(u"git@"))) {
            Item item;
            item.name = GoPath::baseName(source);
            item.node = base;
            item.node.origin = ImageNode::Origin::FromStage;
            item.node.stagePath = source;
            item.node.viaStage = source;
            place(state.fs, item, {}, dest, link);
            continue;
        }
        if (hasFrom) {
            if (fromStage < 0) {
                // An image or named context: its content is unknown here.
                Item item;
                item.name = GoPath::baseName(source);
                item.node = base;
                item.node.origin = ImageNode::Origin::FromStage;
                item.node.viaStage = from;
                item.node.stagePath = GoPath::clean(QString(u'/' + source));
                place(state.fs, item, {}, dest, link);
                continue;
            }
            const FileSystem &other = m_states.at(fromStage).fs;
            const QString stageName = m_stages.at(fromStage).name.isEmpty()
                                          ? QString::number(fromStage)
                                          : m_stages.at(fromStage).name;
            const QString path = GoPath::clean(QString(u'/' + source));
            QStringList matches;
            if (!GoPath::hasWildcard(path)) {
                matches.append(path);
            } else {
                for (const auto &entry : other) {
                    if (GoPath::match(path, entry.first)) {
                        matches.append(entry.first);
                    }
                }
            }
            for (const QString &match : std::as_const(matches)) {
                auto it = other.find(match);
                Item item;
                item.name = GoPath::baseName(match);
                item.node = base;
                item.node.viaStage = stageName;
                item.node.stagePath = match;
                if (match != u"/" && it == other.end()) {
                    // Made by a RUN or the base image: known only by name.
                    item.node.origin = ImageNode::Origin::FromStage;
                    place(state.fs, item, {}, dest, link);
                    continue;
                }
                QList<Child> children;
                item.directory = match == u"/" || it->second.directory;
                if (!item.directory) {
                    ImageNode copied = it->second;
                    copied.line = line;
                    copied.instruction = instruction.text;
                    copied.viaStage = stageName;
                    copied.stagePath = match;
                    item.node = copied;
                } else {
                    FileSystem::const_iterator lo;
                    FileSystem::const_iterator hi;
                    subtreeRange(other, match, &lo, &hi);
                    const qsizetype prefix = match == u"/" ? 1 : match.size() + 1;
                    for (auto c = lo; c != hi; ++c) {
                        Child child;
                        child.relative = c->first.mid(prefix);
                        child.directory = c->second.directory;
                        child.node = c->second;
                        child.node.line = line;
                        child.node.instruction = instruction.text;
                        child.node.viaStage = stageName;
                        child.node.stagePath = c->first;
                        children.append(child);
                    }
                    item.node.origin = ImageNode::Origin::Created;
                }
                place(state.fs, item, children, dest, link);
            }
            continue;
        }
        if (parents) {
            // --parents: keep the path below the pivot ("/./", or the root).
            QString pivotPart;
            QString rest = source;
            const qsizetype pivot = source.indexOf(QStringLiteral("/./"));
            if (pivot >= 0) {
                pivotPart = source.left(pivot);
                rest = source.mid(pivot + 3);
            }
            const QString pivotPath = GoPath::clean(QString(u'/' + pivotPart)).mid(1);
            const QString pattern = GoPath::clean(rest);
            const int pivotIndex = pivotPath.isEmpty() ? -1 : m_context.indexOf(pivotPath);
            if (!pivotPath.isEmpty() && pivotIndex < 0) {
                fail(line, QCoreApplication::translate(
                               "ImageSimulator",
                               "COPY --parents source “%1” is not in the build context.")
                               .arg(source));
                continue;
            }
            const DockerIgnore include = DockerIgnore::fromPatterns({pattern});
            if (!GoPath::hasWildcard(pattern)) {
                const QString full = pivotPath.isEmpty() ? pattern : pivotPath + u'/' + pattern;
                const int index = m_context.indexOf(full);
                if (pattern != u"." && (index < 0 || !m_context.entries().at(index).sent)) {
                    fail(line, QCoreApplication::translate(
                                   "ImageSimulator",
                                   "COPY source “%1” is not in the build context: the build "
                                   "fails with “not found”.")
                                   .arg(source));
                    continue;
                }
            }
            const QList<Child> all = contextChildren(pivotIndex, &exclude);
            QList<Child> chosen;
            for (const Child &child : all) {
                // An include pattern that matches a folder takes all of it.
                if (pattern == u"." || include.matchesOrParentMatches(child.relative)) {
                    chosen.append(child);
                }
            }
            // Parent folders exist only when something below them is included.
            QList<Child> withParents;
            QSet<QString> added;
            for (const Child &child : std::as_const(chosen)) {
                qsizetype slash = child.relative.indexOf(u'/');
                while (slash > 0) {
                    const QString parent = child.relative.left(slash);
                    if (!added.contains(parent)) {
                        added.insert(parent);
                        Child folder;
                        folder.relative = parent;
                        folder.directory = true;
                        folder.node.origin = ImageNode::Origin::Created;
                        withParents.append(folder);
                    }
                    slash = child.relative.indexOf(u'/', slash + 1);
                }
                if (!added.contains(child.relative)) {
                    added.insert(child.relative);
                    withParents.append(child);
                }
            }
            for (Child &child : withParents) {
                child.node.line = line;
                child.node.instruction = instruction.text;
            }
            Item item;
            item.directory = true;
            item.node = base;
            place(state.fs, item, withParents, dest.endsWith(u'/') ? dest : dest + u'/', link);
            continue;
        }
        QList<int> indices;
        QStringList names;
        if (!contextSources(source, line, &indices, &names)) {
            continue;
        }
        for (qsizetype k = 0; k < indices.size(); ++k) {
            int index = indices.at(k);
            if (index >= 0 && m_context.entries().at(index).type == ContextEntry::Type::SymLink) {
                // The source itself is followed (within the context); the
                // copy keeps the link's name.
                const ContextEntry &linkEntry = m_context.entries().at(index);
                QString resolved;
                bool escaped = false;
                const bool ok = followLinks(linkEntry.path, &resolved, &escaped);
                const int target = resolved.isEmpty() ? -1 : m_context.indexOf(resolved);
                if (!ok) {
                    fail(line, QCoreApplication::translate(
                                   "ImageSimulator",
                                   "COPY source “%1” is a symlink loop: the build fails.")
                                   .arg(linkEntry.path));
                    continue;
                }
                if (!resolved.isEmpty() && (target < 0 || !m_context.entries().at(target).sent)) {
                    fail(line,
                         escaped
                             ? QCoreApplication::translate(
                                   "ImageSimulator",
                                   "COPY source “%1” is a symlink to “%2”, a forbidden path "
                                   "outside the build context: BuildKit looks for it inside the "
                                   "context and fails with “not found”.")
                                   .arg(linkEntry.path, linkEntry.linkTarget)
                             : QCoreApplication::translate(
                                   "ImageSimulator",
                                   "COPY source “%1” is a symlink to “%2”, which is not in the "
                                   "build context: the build fails with “not found”.")
                                   .arg(linkEntry.path, linkEntry.linkTarget));
                    continue;
                }
                index = target;
            }
            if (isAdd && unpack && index >= 0 && !m_context.root().isEmpty() &&
                m_context.entries().at(index).type == ContextEntry::Type::File) {
                const TarListing listing =
                    TarArchive::read(m_context.root() + u'/' + m_context.entries().at(index).path);
                if (listing.isArchive) {
                    extract(state, listing, index, dest, instruction);
                    continue;
                }
                if (!listing.error.isEmpty()) {
                    m_out->findings.append(
                        Finding::make(QStringLiteral("image-archive-error"), Severity::Warning,
                                      QCoreApplication::translate(
                                          "ImageSimulator",
                                          "ADD copies “%1” as it is: it looks compressed, but %2.")
                                          .arg(m_context.entries().at(index).path, listing.error),
                                      m_df.fileName(), line));
                }
            }
            Item item;
            item.node = base;
            QList<Child> children;
            if (index < 0 || m_context.entries().at(index).isDirectory()) {
                item.directory = true;
                item.node.origin = ImageNode::Origin::Created;
                children = contextChildren(index, &exclude);
                for (Child &child : children) {
                    child.node.line = line;
                    child.node.instruction = instruction.text;
                }
            } else {
                item.name = names.at(k);
                item.node.origin = ImageNode::Origin::Context;
                item.node.contextIndex = index;
            }
            place(state.fs, item, children, dest, link);
        }
    }
}

void Run::extract(StageState &state, const TarListing &listing, int index, const QString &dest,
                  const DockerInstruction &instruction)
{
    const QString archivePath = m_context.entries().at(index).path;
    const QString target = GoPath::clean(dest);
    ImageNode base;
    base.line = instruction.line;
    base.instruction = instruction.text;
    QList<Child> children;
    QSet<QString> added;
    for (const TarMember &member : listing.members) {
        Child child;
        child.relative = member.path;
        child.directory = member.type == TarMember::Type::Directory;
        child.node = base;
        child.node.origin = ImageNode::Origin::Created;
        child.node.archive = archivePath;
        child.node.archiveMember = member.path;
        child.node.symlink = member.type == TarMember::Type::SymLink;
        child.node.linkTarget = member.linkTarget;
        // Archives need not list the folders their members are in.
        qsizetype slash = member.path.indexOf(u'/');
        while (slash > 0) {
            const QString parent = member.path.left(slash);
            if (!added.contains(parent)) {
                added.insert(parent);
                Child folder = child;
                folder.relative = parent;
                folder.directory = true;
                folder.node.archiveMember = parent;
                folder.node.symlink = false;
                folder.node.linkTarget.clear();
                children.append(folder);
            }
            slash = member.path.indexOf(u'/', slash + 1);
        }
        if (child.directory && added.contains(member.path)) {
            continue;
        }
        added.insert(member.path);
        children.append(child);
    }
    Item item;
    item.directory = true;
    item.node = base;
    // The archive is always extracted into a folder, slash or not.
    place(state.fs, item, children, target == u"/" ? target : target + u'/', false);
    if (target != u"/") {
        ImageNode &folder = state.fs[target];
        folder.archive = archivePath;
        folder.archiveMember.clear();
        folder.contextIndex = index;
    }

    const QString kind = TarArchive::compressionName(listing.compression);
    RunStep step;
    step.line = instruction.line;
    step.text = instruction.text;
    step.simulated = listing.contentsRead;
    const int members = static_cast<int>(listing.members.size());
    step.effect = listing.contentsRead
                      ? QCoreApplication::translate("ImageSimulator",
                                                    "extracted %n member(s) of the %1 archive %2 "
                                                    "into %3",
                                                    nullptr, members)
                            .arg(kind, archivePath, target)
                      : QCoreApplication::translate(
                            "ImageSimulator", "extracted, contents not read: %1 archive %2 into %3")
                            .arg(kind, archivePath, target);
    m_out->extractions.append(step);
    if (!listing.error.isEmpty()) {
        m_out->findings.append(Finding::make(
            QStringLiteral("image-archive-error"), Severity::Warning,
            QCoreApplication::translate("ImageSimulator", "ADD extracts the archive “%1”, but %2.")
                .arg(archivePath, listing.error),
            m_df.fileName(), instruction.line));
    }
}

void Run::removeTree(StageState &state, const QString &path, RunStep *step)
{
    FileSystem::const_iterator lo;
    FileSystem::const_iterator hi;
    QList<QString> doomed;
    doomed.append(path);
    if (subtreeRange(state.fs, path, &lo, &hi)) {
        for (auto it = lo; it != hi; ++it) {
            doomed.append(it->first);
        }
    }
    for (const QString &p : std::as_const(doomed)) {
        auto it = state.fs.find(p);
        if (it == state.fs.end()) {
            continue;
        }
        if (!it->second.directory) {
            ++step->removed;
            if (it->second.origin == ImageNode::Origin::Context) {
                state.removedBy.insert(it->second.contextIndex, *step);
            }
        }
        state.fs.erase(it);
    }
}

void Run::run(StageState &state, const DockerInstruction &instruction)
{
    RunStep step;
    step.line = instruction.line;
    step.text = instruction.text;
    QString script = instruction.jsonForm ? instruction.args.join(u' ') : instruction.arguments;
    for (const DockerHeredoc &heredoc : instruction.heredocs) {
        script += u'\n' + heredoc.content;
    }
    static const QRegularExpression separators(QStringLiteral("&&|\\|\\||;|\\n"));
    const QStringList commands = script.split(separators, Qt::SkipEmptyParts);
    auto simpleWords = [](const QString &text) {
        QStringList words = ShellWord::splitShell(text);
        // Redirections and `-exec` terminators say nothing about what is removed.
        words.removeIf([](const QString &w) {
            return w.contains(u'>') || w == u"{}" || w == u"+" || w == u";" || w == u"\\;";
        });
        while (!words.isEmpty() && (words.first() == u"sudo" || words.first().contains(u'='))) {
            words.removeFirst();
        }
        return words;
    };
    // Whether an rm's options ask for recursion.
    auto recursiveFlags = [](const QStringList &args) {
        for (const QString &w : args) {
            if (w == u"--") {
                break;
            }
            if (w == u"--recursive" || (w.startsWith(u'-') && !w.startsWith(QStringLiteral("--")) &&
                                        (w.contains(u'r') || w.contains(u'R')))) {
                return true;
            }
        }
        return false;
    };
    QStringList applied;
    for (const QString &pipelineText : commands) {
        const QStringList pipeline = pipelineText.split(u'|', Qt::SkipEmptyParts);
        for (qsizetype stageIndex = 0; stageIndex < pipeline.size(); ++stageIndex) {
            const QString &command = pipeline.at(stageIndex);
            const QStringList words = simpleWords(command);
            if (words.isEmpty()) {
                continue;
            }
            // `find … | xargs [-0] rm [-rf]`: a later stage removes what find prints.
            int xargsRemove = 0; // 1: rm, 2: rm -r
            for (qsizetype later = stageIndex + 1; later < pipeline.size(); ++later) {
                const QStringList next = simpleWords(pipeline.at(later));
                if (next.isEmpty() || GoPath::baseName(next.first()) != u"xargs") {
                    continue;
                }
                for (qsizetype w = 1; w < next.size(); ++w) {
                    if (GoPath::baseName(next.at(w)) == u"rm") {
                        xargsRemove = recursiveFlags(next.mid(w + 1)) ? 2 : 1;
                        break;
                    }
                }
            }
            auto resolve = [&](const QString &p) {
                const QString expanded = ShellWord::expand(p, state.vars);
                return expanded.startsWith(u'/') ? GoPath::clean(expanded)
                                                 : GoPath::join(state.workdir, expanded);
            };
            const QString program = GoPath::baseName(words.first());
            if (program == u"find") {
                QStringList roots;
                qsizetype k = 1;
                while (k < words.size() && !words.at(k).startsWith(u'-') && words.at(k) != u"(" &&
                       words.at(k) != u"!") {
                    roots.append(resolve(words.at(k)));
                    ++k;
                }
                if (roots.isEmpty()) {
                    roots.append(state.workdir);
                }
                QStringList names;
                QString type;
                bool deletes = false;
                bool recursiveRemove = false;
                bool plainRemove = false; // rm without -r leaves folders alone
                for (; k < words.size(); ++k) {
                    const QString &w = words.at(k);
                    if ((w == u"-name" || w == u"-iname") && k + 1 < words.size()) {
                        names.append(words.at(++k));
                    } else if (w == u"-type" && k + 1 < words.size()) {
                        type = words.at(++k);
                    } else if (w == u"-delete") {
                        deletes = true;
                    } else if ((w == u"-exec" || w == u"-execdir") && k + 1 < words.size() &&
                               GoPath::baseName(words.at(k + 1)) == u"rm") {
                        deletes = true;
                        recursiveRemove = recursiveFlags(words.mid(k + 2));
                        plainRemove = !recursiveRemove;
                    }
                }
                if (xargsRemove > 0) {
                    deletes = true;
                    recursiveRemove = xargsRemove == 2;
                    plainRemove = !recursiveRemove;
                }
                if (!deletes || names.isEmpty()) {
                    continue;
                }
                QStringList victims;
                for (const QString &root : std::as_const(roots)) {
                    FileSystem::const_iterator lo;
                    FileSystem::const_iterator hi;
                    subtreeRange(state.fs, root, &lo, &hi);
                    for (auto it = lo; it != hi; ++it) {
                        const bool isDir = it->second.directory;
                        if ((type == u"f" && isDir) || (type == u"d" && !isDir)) {
                            continue;
                        }
                        const QString name = GoPath::baseName(it->first);
                        for (const QString &pattern : std::as_const(names)) {
                            if (GoPath::match(pattern, name)) {
                                victims.append(it->first);
                                break;
                            }
                        }
                    }
                }
                for (const QString &victim : std::as_const(victims)) {
                    auto it = state.fs.find(victim);
                    if (it == state.fs.end()) {
                        continue;
                    }
                    if (it->second.directory && plainRemove) {
                        continue;
                    }
                    if (it->second.directory && !recursiveRemove) {
                        FileSystem::const_iterator lo;
                        FileSystem::const_iterator hi;
                        if (subtreeRange(state.fs, victim, &lo, &hi)) {
                            continue; // -delete only removes empty folders
                        }
                    }
                    removeTree(state, victim, &step);
                }
                applied.append(xargsRemove > 0 ? pipelineText.trimmed() : command.trimmed());
            } else if (program == u"rm") {
                // Literal paths and simple globs only; expansions other than
                // known variables are left unsimulated.
                static const QRegularExpression complex(QStringLiteral("\\$\\(|`|(?<!\\$)\\{|~"));
                if (command.contains(complex)) {
                    continue;
                }
                QStringList paths;
                bool options = true;
                bool simple = true;
                for (qsizetype k = 1; k < words.size(); ++k) {
                    const QString &w = words.at(k);
                    if (options && w == u"--") {
                        options = false;
                    } else if (options && w.startsWith(u'-') && w.size() > 1) {
                        continue;
                    } else {
                        const QString expanded = ShellWord::expand(w, state.vars);
                        if (expanded.isEmpty() || expanded.contains(u'$')) {
                            simple = false;
                        }
                        paths.append(resolve(w));
                    }
                }
                const bool recursive = recursiveFlags(words.mid(1));
                if (!simple || paths.isEmpty() || paths.contains(QStringLiteral("/"))) {
                    continue;
                }
                QStringList victims;
                for (const QString &path : std::as_const(paths)) {
                    if (!GoPath::hasWildcard(path)) {
                        if (state.fs.find(path) != state.fs.end()) {
                            victims.append(path);
                        }
                        continue;
                    }
                    // Only below the literal part of the pattern.
                    const QStringList parts = path.split(u'/');
                    qsizetype k = 0;
                    while (k < parts.size() && !GoPath::hasWildcard(parts.at(k))) {
                        ++k;
                    }
                    const QString base = k <= 1 ? QStringLiteral("/") : parts.mid(0, k).join(u'/');
                    const bool dotPattern = parts.last().startsWith(u'.');
                    FileSystem::const_iterator lo;
                    FileSystem::const_iterator hi;
                    subtreeRange(state.fs, base, &lo, &hi);
                    for (auto it = lo; it != hi; ++it) {
                        // The shell's `*` skips dot files unless the pattern starts with a dot.
                        if (!dotPattern && GoPath::baseName(it->first).startsWith(u'.')) {
                            continue;
                        }
                        if (GoPath::match(path, it->first)) {
                            victims.append(it->first);
                        }
                    }
                }
                for (const QString &victim : std::as_const(victims)) {
                    auto it = state.fs.find(victim);
                    if (it == state.fs.end() || (it->second.directory && !recursive)) {
                        continue;
                    }
                    removeTree(state, victim, &step);
                }
                applied.append(command.trimmed());
            } else if (program == u"pyclean" ||
                       (program.startsWith(u"python") && words.size() > 2 && words.at(1) == u"-m" &&
                        words.at(2) == u"pyclean")) {
                QStringList roots;
                for (qsizetype k = program == u"pyclean" ? 1 : 3; k < words.size(); ++k) {
                    if (!words.at(k).startsWith(u'-')) {
                        roots.append(resolve(words.at(k)));
                    }
                }
                if (roots.isEmpty()) {
                    roots.append(state.workdir);
                }
                QStringList victims;
                for (const QString &root : std::as_const(roots)) {
                    FileSystem::const_iterator lo;
                    FileSystem::const_iterator hi;
                    subtreeRange(state.fs, root, &lo, &hi);
                    for (auto it = lo; it != hi; ++it) {
                        const QString name = GoPath::baseName(it->first);
                        if ((it->second.directory && name == u"__pycache__") ||
                            (!it->second.directory && (name.endsWith(QStringLiteral(".pyc")) ||
                                                       name.endsWith(QStringLiteral(".pyo"))))) {
                            victims.append(it->first);
                        }
                    }
                }
                for (const QString &victim : std::as_const(victims)) {
                    removeTree(state, victim, &step);
                }
                applied.append(command.trimmed());
            }
        }
    }
    applied.removeDuplicates();
    if (!applied.isEmpty()) {
        step.simulated = true;
        step.effect = QCoreApplication::translate("ImageSimulator", "removed %n file(s): %1",
                                                  nullptr, step.removed)
                          .arg(applied.join(QStringLiteral("; ")));
        // Later lookups of what removed a file should show the complete step.
        for (auto it = state.removedBy.begin(); it != state.removedBy.end(); ++it) {
            if (it.value().line == step.line) {
                it.value() = step;
            }
        }
    } else {
        step.effect = QCoreApplication::translate("ImageSimulator", "not simulated");
    }
    m_out->runs.append(step);
}

void Run::finish(const StageState &target)
{
    m_removedBy = target.removedBy;
    m_out->workdir = target.workdir;
    m_out->user = target.user;
    m_out->cmd = target.cmd;
    m_out->cmdLine = target.cmdLine;
    m_out->entrypoint = target.entrypoint;
    m_out->entrypointLine = target.entrypointLine;
    m_out->volumes = target.volumes;
    m_out->pythonDontWriteBytecode = target.dontWriteBytecode;
    m_out->pythonDontWriteBytecodeLine = target.dontWriteBytecodeLine;
    for (const QString &name : target.envNames) {
        m_out->env.insert(name, target.vars.value(name));
    }
    m_out->image.reserve(qsizetype(target.fs.size()));
    for (const auto &entry : target.fs) {
        m_out->image.append(entry.second);
    }
}

} // namespace

const ImageNode *ImageSimulation::find(const QString &imagePath) const
{
    auto it = std::lower_bound(
        image.begin(), image.end(), imagePath,
        [](const ImageNode &node, const QString &path) { return node.path < path; });
    if (it != image.end() && it->path == imagePath) {
        return &*it;
    }
    return nullptr;
}

QStringList ImageSimulation::imagePathsOf(const QString &contextPath) const
{
    QStringList paths;
    for (const ContextFileFate &fate : files) {
        if (fate.contextPath == contextPath && fate.included) {
            paths.append(fate.imagePath);
        }
    }
    return paths;
}

ImageSimulation ImageSimulator::simulate(const ImageBuildRequest &request)
{
    const QString ignoreFile = DockerIgnore::ignoreFileFor(request.dockerfile, request.context);
    const DockerIgnore ignore = DockerIgnore::fromFile(ignoreFile);
    auto context = std::make_shared<BuildContext>(BuildContext::scan(request.context, ignore));
    return simulate(request, context);
}

ImageSimulation ImageSimulator::simulate(const ImageBuildRequest &request,
                                         std::shared_ptr<const BuildContext> context)
{
    ImageSimulation out;
    out.dockerfile = request.dockerfile;
    out.context = request.context;
    out.buildContext = context;
    const DockerIgnore &ignore = context->ignore();
    if (!ignore.fileName().isEmpty() && QFileInfo::exists(ignore.fileName())) {
        out.ignoreFile = ignore.fileName();
    }
    out.findings += ignore.errors();
    out.findings += context->findings();
    if (!ignore.isValid()) {
        out.failed = true;
    }

    const Dockerfile dockerfile =
        request.hasInlineDockerfile
            ? Dockerfile::parse(request.dockerfileText.toUtf8(), request.dockerfile)
            : Dockerfile::fromFile(request.dockerfile);
    out.findings += dockerfile.findings();
    if (!dockerfile.isValid()) {
        out.failed = true;
    }
    Run run(request, *context, dockerfile, &out);
    run.execute();

    // Every context file, once per place it lands.
    const QList<ContextEntry> &entries = context->entries();
    QHash<int, QList<const ImageNode *>> placements;
    for (const ImageNode &node : std::as_const(out.image)) {
        const bool extractedArchive =
            !node.archive.isEmpty() && node.archiveMember.isEmpty() && node.contextIndex >= 0;
        if ((node.origin == ImageNode::Origin::Context && !node.directory) || extractedArchive) {
            placements[node.contextIndex].append(&node);
        }
    }
    const QHash<int, RunStep> &removedBy = run.removedBy();
    for (int i = 0; i < entries.size(); ++i) {
        const ContextEntry &entry = entries.at(i);
        if (entry.isDirectory()) {
            continue;
        }
        ContextFileFate fate;
        fate.contextPath = entry.path;
        fate.size = entry.size;
        if (!entry.sent) {
            fate.kind = ContextFileFate::Kind::Ignored;
            if (entry.pattern >= 0) {
                const IgnorePattern &pattern = ignore.patterns().at(entry.pattern);
                fate.reasonFile = pattern.file;
                fate.reasonLine = pattern.line;
                fate.reasonText = pattern.rawText;
            }
            out.files.append(fate);
            continue;
        }
        const QList<const ImageNode *> nodes = placements.value(i);
        if (nodes.isEmpty()) {
            const auto removed = removedBy.constFind(i);
            if (removed != removedBy.constEnd()) {
                fate.kind = ContextFileFate::Kind::RemovedByRun;
                fate.reasonFile = out.dockerfile;
                fate.reasonLine = removed->line;
                fate.reasonText = removed->text;
            }
            out.files.append(fate);
            continue;
        }
        for (const ImageNode *node : nodes) {
            ContextFileFate placed = fate;
            placed.kind = ContextFileFate::Kind::Copied;
            placed.included = true;
            placed.imagePath = node->path;
            placed.reasonFile = out.dockerfile;
            placed.reasonLine = node->line;
            placed.reasonText = node->instruction;
            placed.viaStage = node->viaStage;
            out.files.append(placed);
        }
    }
    return out;
}

} // namespace Revscope
