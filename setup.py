"""Builds the native module truce._truce with the project's CMake (pyproject.toml has the
package's metadata; docs/python.md says how to install).

Environment:
  TRUCE_BUILD_DIR   an existing CMake build folder of this checkout to build in (e.g. build),
                    instead of a new one under build/pip (which compiles the engine anew)
  CMAKE_ARGS        more arguments for the configure step (e.g. -DCMAKE_CXX_COMPILER=clang++)
"""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        target = Path(self.get_ext_fullpath(ext.name)).resolve()
        build_dir = Path(os.environ.get("TRUCE_BUILD_DIR") or Path(self.build_temp) / "cmake").resolve()
        configure = ["cmake", "-S", str(ROOT), "-B", str(build_dir), f"-DPython3_EXECUTABLE={sys.executable}"]
        if not (build_dir / "CMakeCache.txt").exists():
            configure += ["-DCMAKE_BUILD_TYPE=Release", "-DTRUCE_TESTS=OFF", "-DTRUCE_BENCH=OFF"]
            if shutil.which("ninja"):
                configure += ["-G", "Ninja"]
            if shutil.which("ccache"):
                configure += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"]
        configure += shlex.split(os.environ.get("CMAKE_ARGS", ""))
        subprocess.run(configure, check=True)
        jobs = str(self.parallel or os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "truce_python", "--parallel", jobs], check=True)
        built = build_dir / "python" / "truce" / target.name
        if not built.exists():
            raise RuntimeError(f"expected the module at {built}; is pybind11-dev installed (TRUCE_PYTHON=ON)?")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(ext_modules=[Extension("truce._truce", sources=[])],
      cmdclass={"build_ext": CMakeBuild},
      options={"build": {"build_base": "build/pip"}})
