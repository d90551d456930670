"""axe-core run in a page once its animations and transitions have ended.

Half-way through a colour or opacity transition (the theme's header title fades in, for one)
the contrast is neither colour's, and axe reported a contrast violation on one run in several.
A transition that is replaced rejects its promise, and the new one is awaited next round;
animations that repeat for ever are left running (their end never comes).
"""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
from playwright.sync_api import Page

AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"  # shipped, never downloaded
SETTLED_AXE = """async () => {
  const ending = () => document.getAnimations().filter(
    a => a.effect && a.effect.getComputedTiming().iterations !== Infinity);
  for (let round = 0; round < 10 && ending().length; round++) {
    await Promise.all(ending().map(a => a.finished.catch(() => null)));
  }
  const result = await axe.run({resultTypes: ['violations']});
  return result.violations.map(
    v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
}"""


def violations(page: Page) -> list[str]:
    """What axe finds wrong in the page as it is once still (AXE_SCRIPT must be in the page)."""
    found: list[str] = page.evaluate(SETTLED_AXE)
    return found
