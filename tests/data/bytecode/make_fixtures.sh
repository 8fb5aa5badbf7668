#!/bin/sh
# Regenerates the .pyc fixtures from sources/ with every CPython on this machine.
# Layout: <tag>/<mode>/<stem>.<tag>[.opt-N].pyc, mode = timestamp | checked | unchecked.
# Sources get a fixed mtime so timestamp headers are reproducible; co_filename is
# set to /app/alembic/versions/<name>.py as if compiled inside an image.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pythons="${PYTHONS:-/root/.pyenv/versions/3.6.15/bin/python3 /root/.pyenv/versions/3.7.16/bin/python3
/root/.pyenv/versions/3.8.18/bin/python3 /root/.pyenv/versions/3.9.18/bin/python3
/root/.pyenv/versions/3.10.13/bin/python3 /root/.pyenv/versions/3.11.7/bin/python3
/root/.pyenv/versions/3.12.1/bin/python3 /root/.pyenv/versions/3.13.0/bin/python3 /usr/bin/python3}"
for py in $pythons; do
  [ -x "$py" ] || { echo "skipping $py (absent)"; continue; }
  "$py" - "$here" <<'PY'
import os, py_compile, shutil, sys, tempfile
here = sys.argv[1]
tag = sys.implementation.cache_tag
out = os.path.join(here, tag if sys.executable != '/usr/bin/python3' else tag + '-system')
shutil.rmtree(out, ignore_errors=True)
modes = ['timestamp']
if sys.version_info >= (3, 7):
    modes += ['checked', 'unchecked']
tmp = tempfile.mkdtemp()
for name in sorted(os.listdir(os.path.join(here, 'sources'))):
    src = os.path.join(tmp, name)
    shutil.copyfile(os.path.join(here, 'sources', name), src)
    os.utime(src, (1700000000, 1700000000))
    stem = name[:-3]
    for mode in modes:
        for opt in (0, 1, 2):
            suffix = '' if opt == 0 else '.opt-%d' % opt
            cfile = os.path.join(out, mode, '%s.%s%s.pyc' % (stem, tag, suffix))
            kwargs = {}
            if sys.version_info >= (3, 7):
                kwargs['invalidation_mode'] = {
                    'timestamp': py_compile.PycInvalidationMode.TIMESTAMP,
                    'checked': py_compile.PycInvalidationMode.CHECKED_HASH,
                    'unchecked': py_compile.PycInvalidationMode.UNCHECKED_HASH}[mode]
            py_compile.compile(src, cfile=cfile, dfile='/app/alembic/versions/' + name,
                               doraise=True, optimize=opt, **kwargs)
shutil.rmtree(tmp)
print('wrote', out)
PY
done
