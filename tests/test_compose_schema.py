"""docker-compose.yml against the Compose Specification's JSON schema.

Docker does not run here, so this is the syntax check: check-jsonschema ships
the compose-spec schema, so nothing is fetched at test time.
"""

import shutil
import subprocess
import sys
from pathlib import Path


COMPOSE = Path(__file__).resolve().parents[1] / "docker-compose.yml"
CHECK = shutil.which("check-jsonschema") or str(Path(sys.executable).parent / "check-jsonschema")


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CHECK, "--builtin-schema", "vendor.compose-spec", str(path)],
                          capture_output=True, text=True, timeout=60)


def test_compose_file_follows_the_compose_spec():
    result = validate(COMPOSE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_rejects_a_misspelt_key(tmp_path):
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.read_text().replace("depends_on:", "depend_on:", 1))
    assert validate(broken).returncode != 0
