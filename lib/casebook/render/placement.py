"""Where a printed map draws its numbered points: close places set apart so each shows.

A world map a page wide gives a country a few millimetres; cases in one city or in
neighbouring states would draw one point over another. These display positions move such
a group onto a small circle around its centre; the data keeps the true places.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def spread_apart(cases: pd.DataFrame, near: float = 10.0, gap: float = 13.0) -> pd.DataFrame:
    """Display positions for numbered points: a group of cases within ``near`` degrees of
    one another is laid out on a circle around its centre, neighbours ``gap`` degrees
    apart (a point's width on a world map a page wide), so each number shows."""
    import math

    import pandas as pd

    lat = cases["lat"].astype(float).to_numpy()
    lon = cases["lon"].astype(float).to_numpy()
    group = list(range(len(cases)))
    for i in range(len(cases)):
        for j in range(i):
            if abs(lat[i] - lat[j]) < near and abs(lon[i] - lon[j]) < near:
                group[i] = group[j]
                break
    out_lat, out_lon = lat.copy(), lon.copy()
    for g in set(group):
        members = [k for k in range(len(cases)) if group[k] == g]
        if len(members) < 2:
            continue
        c_lat = sum(lat[k] for k in members) / len(members)
        c_lon = sum(lon[k] for k in members) / len(members)
        radius = gap / 2 / math.sin(math.pi / len(members))
        for n, k in enumerate(members):
            angle = 2 * math.pi * n / len(members)
            out_lat[k] = c_lat + radius * math.sin(angle)
            out_lon[k] = c_lon + radius * math.cos(angle)
    return pd.DataFrame({"lat": out_lat, "lon": out_lon}, index=cases.index)


def place_labels(cases: pd.DataFrame, countries: pd.DataFrame | None = None):
    """Each case's most local place name (locality, else region, else country)."""
    import numpy as np

    label = cases["country"].astype(object)
    if countries is not None:  # the cases table holds the country's id
        label = label.map(countries.set_index("id")["name"]).fillna(label)
    for column in ("region", "locality"):
        if column in cases:
            label = cases[column].where(cases[column].notna() & (cases[column] != ""), label)
    return np.asarray(label, dtype=str)
