"""The rules engine is plain Python: importing and using it never imports Django."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_importing_and_evaluating_never_imports_django() -> None:
    script = textwrap.dedent(
        """
        import sys
        import jxjy.rules, jxjy.rules.cli, jxjy.rules.bench
        from jxjy.rules import evaluate, list_rulesets
        for info in list_rulesets():
            pass
        evaluate({"person": {"series": "general", "level": "junior"}, "purpose": {"kind": "annual", "year": 2018},
                  "records": [{"date": "2018-01-02", "subject": "public", "form": "distance", "hours": 3}]},
                 "henan-2012")
        leaked = sorted(name for name in sys.modules if name == "django" or name.startswith(("django.", "ninja")))
        print(",".join(leaked))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)  # noqa: S603
    assert done.stdout.strip() == ""
