# Lists what the lab copies from this machine's moto installation into its built moto image (cdc-lab's
# ImageRecipes.moto): the Python interpreter and its standard library, the distributions moto[server] requires
# (less those only other AWS services use), and the shared libraries their native modules load from the system.
# Output, one item a line: "prefix <path>", "python <interpreter>", "version <moto's>", "file <path>",
# "lib <path> <soname>".
import importlib.metadata as md
import os
import re
import subprocess
import sys
import sysconfig

# Distributions moto[server] requires only for services the lab's lake never calls (CloudFormation linting,
# Lambda in Docker, API Gateway/OpenAPI, ...): about 350 MB of the installation.
NOT_FOR_THE_LAKE = {"cfn-lint", "sympy", "mpmath", "networkx", "aws-sam-translator", "docker", "pydantic",
                    "pydantic-core", "pydantic-settings", "setuptools", "openapi-spec-validator",
                    "openapi-schema-validator", "jsonschema-path", "regex", "antlr4-python3-runtime"}
STDLIB_SKIP = {"site-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip", "lib2to3", "config-3.11-x86_64-linux-gnu"}
# Native modules a server never loads, whose libraries (X11, Tk, curses) would only grow the image.
UNUSED_NATIVE = re.compile(r"^(_tkinter|_curses|_curses_panel|readline|_dbm|_gdbm|nis)\.")
SYSTEM_LIBS_IN_EVERY_BASE = re.compile(r"^(libc|libm|libpthread|libdl|librt|libutil|ld-linux.*)\.so")


def closure(name, extras):
    seen, todo = {}, [(name, extras)]
    while todo:
        dist_name, wanted = todo.pop()
        key = dist_name.lower().replace("_", "-")
        if key in seen or key in NOT_FOR_THE_LAKE:
            continue
        try:
            dist = md.distribution(dist_name)
        except md.PackageNotFoundError:
            continue
        seen[key] = dist
        for req in dist.requires or []:
            m = re.match(r"([A-Za-z0-9_.\-]+)\s*(\[[^\]]*\])?[^;]*(;\s*(.*))?$", req)
            marker = m.group(4) or ""
            if "extra" in marker:
                if not any(e in wanted for e in re.findall(r'extra\s*==\s*"([^"]+)"', marker)):
                    continue
            elif marker:
                try:
                    from packaging.markers import Marker
                    if not Marker(marker).evaluate():
                        continue
                except Exception:
                    pass
            todo.append((m.group(1), set(filter(None, (m.group(2) or "[]")[1:-1].split(",")))))
    return seen.values()


prefix = sys.prefix
print("prefix", prefix)
print("python", os.path.realpath(sys.executable))
print("version", md.version("moto"))
files = [os.path.realpath(sys.executable)]
libdir = sysconfig.get_config_var("LIBDIR")
for name in os.listdir(libdir):
    if name.startswith("libpython"):
        files.append(os.path.join(libdir, name))
stdlib = sysconfig.get_paths()["stdlib"]
for root, dirs, names in os.walk(stdlib):
    if root == stdlib:
        dirs[:] = [d for d in dirs if d not in STDLIB_SKIP]
    files.extend(os.path.join(root, n) for n in names if not UNUSED_NATIVE.match(n))
for dist in closure("moto", {"server"}):
    for f in dist.files or []:
        path = os.path.realpath(dist.locate_file(f))
        if path.startswith(prefix + os.sep) and os.path.isfile(path):
            files.append(path)
libs = set()
for path in files:
    if ".so" in os.path.basename(path):
        out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
        for m in re.finditer(r"=> (/\S+)", out):
            lib = m.group(1)
            if not lib.startswith(prefix) and not SYSTEM_LIBS_IN_EVERY_BASE.match(os.path.basename(lib)):
                libs.add(os.path.realpath(lib) + " " + os.path.basename(lib))
for path in sorted(set(files)):
    print("file", path)
for lib in sorted(libs):
    print("lib", lib)
