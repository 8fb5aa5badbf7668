#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>

namespace Revscope {

// A synthetic Alembic project written by ProjectGenerator.
struct GeneratedProject
{
    QString root;        // folder holding alembic.ini
    QString config;      // absolute path of alembic.ini
    QString versionsDir; // absolute path of the versions folder
    QStringList scripts; // file names inside versionsDir, sorted
    int revisions = 0;
    int merges = 0;
    int branchLabels = 0;
    int dependencies = 0;
};

// Writes Alembic projects of a given size in the exact shape `alembic
// revision` produces (stock script.py.mako of Alembic 1.8): a main line with
// a branch-and-merge every few dozen revisions, plus two labelled branches
// with their own bases whose revisions sometimes depend_on the main line.
// The same seed and size always give the same project.
class ProjectGenerator
{
public:
    explicit ProjectGenerator(std::uint64_t seed = 0x5eed5eedULL);

    bool generate(const QString &root, int revisions, GeneratedProject *project, QString *error);

private:
    QString nextId();
    std::uint64_t next();

    std::uint64_t m_state;
};

} // namespace Revscope
