#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Migration scripts with what ScriptReader must make of them. Kept apart from the
// test class: the scripts are raw string literals.
struct ScriptCase
{
    const char *name;
    QString fileName;
    QByteArray content;
    QString fileTemplate; // empty: Alembic's default
    bool isRevision;
    QString id;
    QStringList downRevisions;
    QStringList dependsOn;
    QStringList branchLabels;
    QStringList findings; // "code@line", any order
    // Whether the script runs under real Python + Alembic for the oracle test (no
    // undefined names); then Alembic's verdict must agree with ours.
    bool oracle;
};

QList<ScriptCase> scriptCases();

// A module in Alembic's generic template: the docstring takes lines 1-7 and
// `metadata` starts on line 13.
QByteArray standardScript(const QByteArray &metadata);
