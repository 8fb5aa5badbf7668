#!/usr/bin/python3
"""Compare `revscope check --format json` with the real Alembic on one project.

    /usr/bin/python3 benchmarks/realworld/compare_with_alembic.py ROOT \
        --revscope build/revscope [--config INI] [--no-stub] [--verbose]

For every environment Revscope reports (or only those of --config), Alembic
(the python3-alembic of --python, /usr/bin/python3 by default) loads the same
config with `ScriptDirectory.from_config`, run from ROOT with ROOT first on
sys.path (and, if a relative script_location is not found from there, from
the config's folder). Compared: heads, bases, branch points, merge points,
history order, and per revision down_revision, depends_on and the declared
branch_labels. Where Alembic refuses the scripts, Revscope must report an
error finding (other than non-literal-metadata) for that environment.

Migration scripts import their project and its dependencies. Modules that
cannot be imported are replaced by stubs (any attribute is a callable,
subclassable stand-in) so that Alembic can load the files without installing
anything; if the project's own modules still fail to import, a second run
stubs them too. A value that comes from a stub (e.g. branch_labels =
(cli.EXPAND_BRANCH,) with cli stubbed) is not compared. --no-stub turns all
of that off. --verbose lists the stubbed modules.

Exit status: 0 when everything matches, 1 on any difference, 2 on usage errors,
3 when nothing differs but an environment could not be compared (its scripts
fail to run here even with stubs).
Uses the Python standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import time

# Runs inside the Alembic interpreter: argv = [config, section, stub mode].
# Stub modes: 0 none; 1 modules that cannot be imported; 2 also every module
# outside the standard library, Alembic and SQLAlchemy (the project's own
# packages too, keeping their folder so "package:path" locations resolve).
ORACLE = r'''
import importlib.abc, importlib.machinery, importlib.util, json, os, pathlib, sys, types
import traceback

stubbed = []

class _Stub:
    # What a stubbed module's attributes are: callable, subclassable (as a
    # plain class, so it mixes with any metaclass), iterable, chainable.
    def __init__(self, name):
        self.__name__ = name
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _Stub(name)
        setattr(self, name, value)
        return value
    def __call__(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], _Stub):
            return args[0]  # used as a decorator
        return _Stub(self.__name__)
    def __mro_entries__(self, bases):
        return (type(self.__name__, (), {}),)
    def __iter__(self):
        return iter(())
    def __getitem__(self, key):
        return self
    def __bool__(self):
        return True
    def __len__(self):
        return 0
    def __contains__(self, item):
        return False
    def __or__(self, other):
        return self
    __ror__ = __add__ = __radd__ = __and__ = __mul__ = __mod__ = __or__

class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _Stub(name)
        setattr(self, name, value)
        return value

# Never stubbed: the standard library probes optional modules (msvcrt, Jython's
# org.python) inside try/except ImportError and must keep seeing them missing.
NEVER = set(sys.stdlib_module_names) | {"org"}
KEEP = NEVER | {"alembic", "sqlalchemy", "mako", "markupsafe", "greenlet", "typing_extensions",
                "importlib_metadata", "importlib_resources", "zipp", "_distutils_hack"}

class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, everything):
        self.everything = everything
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in (KEEP if self.everything else NEVER):
            return None
        origin = None
        folder = os.path.join(os.getcwd(), *name.split("."))
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            origin = os.path.join(folder, "__init__.py")
        return importlib.util.spec_from_loader(name, self, origin=origin, is_package=True)
    def create_module(self, spec):
        stubbed.append(spec.name)
        module = _StubModule(spec.name)
        module.__path__ = []
        return module
    def exec_module(self, module):
        pass
    def get_resource_reader(self, name):
        # importlib.resources.files() of a stubbed package that has a folder
        # here: that folder (for "package:path" script locations).
        folder = os.path.join(os.getcwd(), *name.split("."))
        if os.path.isdir(folder):
            return types.SimpleNamespace(files=lambda: pathlib.Path(folder))
        return None

config_file, section, stub = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, os.getcwd())
if stub == 1:
    sys.meta_path.append(_StubFinder(False))
elif stub == 2:
    sys.meta_path.insert(0, _StubFinder(True))

import warnings
warnings.simplefilter("ignore")
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic import util

def _ids(value):
    # Scripts may set these to anything; a value taken from a stub is unknown.
    return [v if isinstance(v, str) else ("<stub>" if isinstance(v, _Stub) else repr(v))
            for v in util.to_tuple(value, default=())]

out = {}
try:
    cfg = Config(config_file, ini_section=section)
    script = ScriptDirectory.from_config(cfg)
    rmap = script.revision_map
    revisions = {}
    for rev in rmap._revision_map.values():
        if rev is None or rev.revision in revisions:
            continue
        revisions[rev.revision] = {
            "down_revisions": _ids(rev.down_revision),
            "depends_on": _ids(rev.dependencies),
            "branch_labels": sorted(_ids(rev._orig_branch_labels)),
        }
    out = {
        "heads": sorted(rmap.heads),
        "real_heads": sorted(rmap._real_heads),
        "bases": sorted(rmap.bases),
        "branch_points": sorted(r for r, v in revisions.items() if rmap.get_revision(r).is_branch_point),
        "merge_points": sorted(r for r, v in revisions.items() if rmap.get_revision(r).is_merge_point),
        "history": [s.revision for s in script.walk_revisions()],
        "revisions": revisions,
    }
except BaseException as exc:
    text = str(exc).strip().splitlines()
    out = {"error": "%s: %s" % (type(exc).__name__, text[0] if text else "")}
    # Alembic's own verdicts (and a script Python cannot compile) are
    # comparable; anything else failed while running a script's imports in
    # this interpreter, which says nothing about the project.
    from alembic.script.revision import RevisionError
    if not isinstance(exc, (util.CommandError, RevisionError, SyntaxError)):
        frames = [f for f in traceback.extract_tb(exc.__traceback__)
                  if f.filename.startswith(os.getcwd() + os.sep)]
        out["inconclusive"] = True
        out["error"] = "the scripts do not load here: " + out["error"]
        if frames:
            out["error"] += " (%s:%d)" % (os.path.relpath(frames[-1].filename), frames[-1].lineno)
out["stubbed"] = sorted(set(stubbed))
sys.stdout.write("\n@@ORACLE@@" + json.dumps(out))
'''


def run_oracle_once(python, cwd, config, section, mode):
    start = time.monotonic()
    proc = subprocess.run([python, "-c", ORACLE, config, section, str(mode)],
                          cwd=cwd, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    marker = proc.stdout.rfind("@@ORACLE@@")
    if marker < 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": "oracle crashed: " + tail, "stubbed": [], "inconclusive": True}, elapsed
    return json.loads(proc.stdout[marker + len("@@ORACLE@@"):]), elapsed


def run_oracle(python, root, config, section, stub):
    """Alembic run from the project root or, if it cannot find a relative
    script_location there, from the config's folder. With stubs, a second try
    also stubs the project's own modules when they do not import here.
    Returns the result and the time of the run that gave it."""
    best, best_time = None, 0.0
    folders = [root] + ([os.path.dirname(config)] if os.path.dirname(config) != root else [])
    for cwd in folders:
        for mode in ((1, 2) if stub else (0,)):
            out, elapsed = run_oracle_once(python, cwd, config, section, mode)
            out["cwd"], out["stub_mode"] = cwd, mode
            if "error" not in out:
                return out, elapsed
            # A verdict of Alembic's own beats "the scripts do not run here".
            if best is None or (best.get("inconclusive") and not out.get("inconclusive")):
                best, best_time = out, elapsed
            if not out.get("inconclusive"):
                break
        if "Path doesn't exist" not in best["error"]:
            break
    return best, best_time


def run_revscope(binary, root, config):
    args = [binary, "check", root, "--format", "json", "--fail-on", "never"]
    if config:
        args += ["--config", config]
    start = time.monotonic()
    proc = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit("revscope exited %d: %s" % (proc.returncode, proc.stderr.strip()))
    return json.loads(proc.stdout), elapsed


def compare_env(env, findings, oracle, verbose):
    """Returns a list of difference lines for one environment."""
    label = env.get("name") or env["config"]
    diffs = []
    if oracle.get("inconclusive"):
        return diffs
    if "error" in oracle:
        # A script Revscope cannot read statically is not why Alembic refuses.
        errors = [f for f in findings if f.get("environment") == label and f["severity"] == "error"
                  and f["code"] != "non-literal-metadata"]
        if not errors:
            diffs.append("Alembic refuses (%s) but Revscope reports no error" % oracle["error"])
        elif verbose:
            print("    Alembic refuses: %s; Revscope: %s" % (oracle["error"], ", ".join(sorted({f["code"] for f in errors}))))
        return diffs

    loaded = {r["id"]: r for r in env["revisions"]
              if r["origin"] == "source" or (r["origin"] == "bytecode" and env.get("sourceless"))}
    for key in ("heads", "bases", "branch_points", "merge_points"):
        if sorted(env[key]) != oracle[key]:
            diffs.append("%s: revscope %s, alembic %s" % (key, sorted(env[key]), oracle[key]))
    theirs = oracle["revisions"]
    only_rs = sorted(set(loaded) - set(theirs))
    only_al = sorted(set(theirs) - set(loaded))
    if only_rs:
        diffs.append("revisions only Revscope loads: %s" % only_rs[:10])
    if only_al:
        diffs.append("revisions only Alembic loads: %s" % only_al[:10])
    for rid in sorted(set(loaded) & set(theirs)):
        ours = loaded[rid]
        unknown = [k for k in ("down_revisions", "depends_on", "branch_labels") if "<stub>" in theirs[rid][k]]
        for key in ("down_revisions", "depends_on"):
            if key not in unknown and ours[key] != theirs[rid][key]:
                diffs.append("%s %s: revscope %s, alembic %s" % (rid, key, ours[key], theirs[rid][key]))
        if "branch_labels" not in unknown and sorted(ours["branch_labels"]) != theirs[rid]["branch_labels"]:
            diffs.append("%s branch_labels: revscope %s, alembic %s"
                         % (rid, sorted(ours["branch_labels"]), theirs[rid]["branch_labels"]))
    if env["history"] != oracle["history"]:
        first = next((i for i, (a, b) in enumerate(zip(env["history"], oracle["history"])) if a != b),
                     min(len(env["history"]), len(oracle["history"])))
        diffs.append("history differs from position %d: revscope %s..., alembic %s..."
                     % (first, env["history"][first:first + 3], oracle["history"][first:first + 3]))
    return diffs


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", help="project folder")
    parser.add_argument("--revscope", required=True, help="the revscope executable")
    parser.add_argument("--config", help="an .ini or pyproject.toml (passed to revscope --config)")
    parser.add_argument("--python", default="/usr/bin/python3", help="interpreter with alembic")
    parser.add_argument("--no-stub", action="store_true", help="do not stub unimportable modules")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("--json", help="also write the summary as JSON to this file")
    args = parser.parse_args()

    root = os.path.abspath(args.root)
    if not os.path.isdir(root):
        parser.error("%s is not a folder" % root)
    config = os.path.abspath(args.config) if args.config else None
    report, rs_time = run_revscope(os.path.abspath(args.revscope), root, config)

    summary = {"root": root, "revscope_seconds": rs_time, "alembic_seconds": 0.0, "environments": []}
    failed = False
    inconclusive = False
    if not report["environments"]:
        print("Revscope found no environment under %s" % root)
        failed = True
    for env in report["environments"]:
        label = env.get("name") or env["config"]
        config_path = os.path.join(root, env["config"])
        if config_path.endswith(".toml"):
            # [tool.alembic] needs Alembic 1.16; the python3-alembic here is older.
            oracle, al_time = {"error": "pyproject.toml needs Alembic 1.16+", "inconclusive": True,
                               "cwd": root, "stub_mode": 0}, 0.0
        else:
            oracle, al_time = run_oracle(args.python, root, config_path,
                                         env.get("section") or "alembic", not args.no_stub)
        if args.verbose and (oracle["cwd"] != root or oracle["stub_mode"] == 2):
            print("    Alembic run from %s%s" % (os.path.relpath(oracle["cwd"], root),
                  ", the project's own modules stubbed" if oracle["stub_mode"] == 2 else ""))
        summary["alembic_seconds"] += al_time
        diffs = compare_env(env, report["findings"], oracle, args.verbose)
        loaded = sum(1 for r in env["revisions"] if r["origin"] != "missing")
        state = "MATCH" if not diffs else "DIFFER"
        note = " (Alembic refuses: %s)" % oracle["error"] if "error" in oracle else ""
        if oracle.get("inconclusive"):
            state = "?"
            note = " (not compared: %s)" % oracle["error"]
            inconclusive = True
        print("%-6s %s: %d revisions, %d heads%s" % (state, label, loaded, len(env["heads"]), note))
        for line in diffs:
            print("    " + line)
        if args.verbose and oracle.get("stubbed"):
            print("    stubbed modules: %s" % ", ".join(oracle["stubbed"]))
        failed = failed or bool(diffs)
        summary["environments"].append({"name": label, "revisions": loaded, "match": not diffs,
                                        "alembic_error": oracle.get("error"),
                                        "compared": not oracle.get("inconclusive"), "differences": diffs,
                                        "alembic_seconds": al_time})
    print("time: revscope %.3f s, alembic %.3f s (%d environment(s))"
          % (rs_time, summary["alembic_seconds"], len(report["environments"])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1)
    return 1 if failed else (3 if inconclusive else 0)


if __name__ == "__main__":
    sys.exit(main())
