"""One colour language for every chart, widget and report of the toolkit.

Every figure takes its colours from here, so that "red" means the same thing everywhere:

* escalation (> 0 escalatory, < 0 conciliatory) uses :data:`ESCALATION_SCALE`, a diverging
  blue → light grey → red scale on the fixed range ``[-1, 1]`` (centre 0);
* sentiment (> 0 positive) uses :data:`SENTIMENT_SCALE`, a diverging magenta → light grey → green
  scale on ``[-1, 1]`` — a different pair of hues, so the two measures are never mistaken for each other;
* each rhetoric class has one fixed colour (:data:`RHETORIC_COLORS`), ordered from conciliatory
  (greens and blues) through denial (violet) to escalatory (oranges and reds), neutral grey;
* actors in line charts take colours from :data:`ACTOR_COLORS` in order.

Nothing here touches plotly's global state: figures apply :data:`TEMPLATE` to themselves.
"""
from __future__ import annotations

__all__ = [
    "RHETORIC_COLORS",
    "ESCALATION_SCALE",
    "SENTIMENT_SCALE",
    "ACTOR_COLORS",
    "MEASURE_SCALES",
    "MEASURE_LABELS",
    "NEUTRAL_COLOR",
    "TEMPLATE",
    "FONT_FAMILY",
    "scale_color",
    "rhetoric_color",
]

#: One fixed colour per rhetoric class, conciliatory → escalatory, neutral last.
RHETORIC_COLORS: dict[str, str] = {
    "praise": "#1a9850",
    "cooperation": "#2c7bb6",
    "peace_appeal": "#7fbfdf",
    "denial": "#9e8fc6",
    "criticism": "#fdb863",
    "warning": "#f46d43",
    "threat": "#d73027",
    "military_action": "#7f0000",
    "neutral": "#bdbdbd",
}

#: Diverging escalation scale for the range [-1, 1]: conciliatory blue, 0 light grey, escalatory red.
ESCALATION_SCALE: list[list] = [
    [0.0, "#2166ac"],
    [0.25, "#67a9cf"],
    [0.5, "#f2f2f2"],
    [0.75, "#ef8a62"],
    [1.0, "#b2182b"],
]

#: Diverging sentiment scale for the range [-1, 1]: negative magenta, 0 light grey, positive green.
SENTIMENT_SCALE: list[list] = [
    [0.0, "#c51b7d"],
    [0.25, "#e9a3c9"],
    [0.5, "#f2f2f2"],
    [0.75, "#a1d76a"],
    [1.0, "#4d9221"],
]

#: Colour scale per measure (column name of the scores frame).
MEASURE_SCALES: dict[str, list[list]] = {"escalation": ESCALATION_SCALE, "sentiment": SENTIMENT_SCALE}

#: Axis labels per measure.
MEASURE_LABELS: dict[str, str] = {
    "escalation": "escalation (− conciliatory · + escalatory)",
    "sentiment": "sentiment (− negative · + positive)",
}

#: Qualitative colours for actors in line charts (colour-blind friendly, Okabe–Ito order).
ACTOR_COLORS: tuple[str, ...] = (
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#000000",
)

#: Colour of lines, outlines and "all paragraphs" traces.
NEUTRAL_COLOR = "#555555"

#: Name of the plotly template applied per figure (never set globally).
TEMPLATE = "plotly_white"

#: Font stack for all figures.
FONT_FAMILY = "Inter, 'Segoe UI', Helvetica, Arial, sans-serif"


def _hex_to_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def scale_color(value: float, measure: str = "escalation") -> str:
    """Colour of ``value`` (clipped to [-1, 1]) on the scale of ``measure``, as ``#rrggbb``.

    Used where plotly cannot map numbers to colours itself (hover labels, HTML tables).
    """
    if measure not in MEASURE_SCALES:
        raise ValueError(
            f"The value for `measure` must be one of {list(MEASURE_SCALES)}, but {measure!r} was passed."
        )
    scale = MEASURE_SCALES[measure]
    if value != value:  # NaN
        return NEUTRAL_COLOR
    t = (max(-1.0, min(1.0, float(value))) + 1.0) / 2.0
    for (t0, c0), (t1, c1) in zip(scale, scale[1:], strict=False):
        if t <= t1:
            f = 0.0 if t1 == t0 else (t - t0) / (t1 - t0)
            a, b = _hex_to_rgb(c0), _hex_to_rgb(c1)
            r, g, bl = (round(x + (y - x) * f) for x, y in zip(a, b, strict=False))
            return f"#{r:02x}{g:02x}{bl:02x}"
    return scale[-1][1]


def rhetoric_color(rhetoric: str) -> str:
    """The fixed colour of a rhetoric class (neutral grey for unknown classes)."""
    return RHETORIC_COLORS.get(rhetoric, RHETORIC_COLORS["neutral"])
