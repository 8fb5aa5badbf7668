# Oracle for tst_scriptreader: loads each script path (a JSON list on stdin) the way
# Alembic 1.8 does (Script._from_filename) and prints what Alembic makes of it.
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")

from alembic import util  # noqa: E402
from alembic.script.base import Script  # noqa: E402


class _ScriptDirectory:
    sourceless = False


out = []
for path in json.loads(sys.stdin.buffer.read().decode("utf-8")):
    directory, filename = os.path.split(path)
    try:
        script = Script._from_filename(_ScriptDirectory(), directory, filename)
        if script is None:
            out.append({"error": "not a revision file"})
            continue
        out.append(
            {
                "id": script.revision,
                "down": list(util.to_tuple(script.down_revision, default=())),
                "depends_on": list(util.to_tuple(script.dependencies, default=())),
                "branch_labels": sorted(script.branch_labels),
                "doc": script.doc,
            }
        )
    except BaseException as error:  # SyntaxError, AttributeError, CommandError, ...
        out.append({"error": "%s: %s" % (type(error).__name__, error)})
print(json.dumps(out))
