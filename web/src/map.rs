//! Maps of results, drawn on the server: each venue a marker over map tiles (Web Mercator,
//! the slippy-map tiles every tile server offers), at the zoom that shows them all. It is an
//! SVG of links: no script to load, every marker a link to its event with the event's name for
//! screen readers, and without tiles (none configured, or the tile server out of reach) the
//! markers stand on a blank background.
//!
//! With scripts on, `static/map.js` makes the same map move: dragged (or the arrow keys) it pans,
//! its buttons (or `+` and `-`) zoom around the centre, fetching the tiles of the new view from
//! the same server and projecting the markers again from their coordinates.

/// Where map tiles come from (`TESSERA_MAP_TILES`), and whom to credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileServer {
    /// A URL with `{z}`, `{x}` and `{y}`: `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    pub template: String,
    /// Shown under every map: `© OpenStreetMap contributors`.
    pub attribution: String,
    /// Where the attribution links to.
    pub attribution_url: String,
}

/// A place to mark.
#[derive(Debug, Clone)]
pub struct MapPoint {
    pub latitude: f64,
    pub longitude: f64,
    /// What the marker is called: the event's title.
    pub title: String,
    pub href: String,
}

/// The tiles behind a map: a grid of 256-pixel images, row by row, whose top left corner is at
/// (`x`, `y`) in the map's own pixels. Drawn as HTML images (inside the SVG), so a tile that
/// cannot be had leaves the background blank rather than a broken-image sign.
#[derive(Debug, Clone, PartialEq)]
pub struct TileGrid {
    pub x: f64,
    pub y: f64,
    pub columns: u32,
    pub rows: u32,
    pub hrefs: Vec<String>,
}

impl TileGrid {
    pub fn width(&self) -> u32 {
        self.columns * 256
    }

    pub fn height(&self) -> u32 {
        self.rows * 256
    }
}

/// One marker: the events at one venue.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub x: f64,
    pub y: f64,
    /// Where the venue is, for the script that pans and zooms the map.
    pub latitude: f64,
    pub longitude: f64,
    /// The events' titles, joined: the marker's accessible name and tooltip.
    pub label: String,
    /// The first event's page.
    pub href: String,
    /// Events at this venue (a number is drawn on the marker when more than one).
    pub count: usize,
}

/// A map ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    pub width: u32,
    pub height: u32,
    pub zoom: u8,
    /// The map's top left corner in the world's pixels at `zoom` (Web Mercator).
    pub origin_x: f64,
    pub origin_y: f64,
    /// The tile server's URL template, for the script that pans and zooms the map.
    pub tile_template: Option<String>,
    pub tiles: Option<TileGrid>,
    pub markers: Vec<Marker>,
    /// The credit line and its link, when tiles are drawn.
    pub attribution: Option<(String, String)>,
}

impl MapView {
    pub const WIDTH: u32 = 640;
    pub const HEIGHT: u32 = 360;
    /// Room kept around the outermost markers, in pixels.
    const PADDING: f64 = 36.0;
    const TILE: f64 = 256.0;
    /// Close enough to tell the streets apart around a single venue.
    const MAX_ZOOM: u8 = 16;
    /// How close the script lets a visitor zoom in (most tile servers stop at 19).
    pub const DEEPEST_ZOOM: u8 = 18;

    /// The map showing every point, or None when there is none.
    pub fn fit(points: &[MapPoint], tiles: Option<&TileServer>) -> Option<Self> {
        let first = points.first()?;
        let (width, height) = (f64::from(Self::WIDTH), f64::from(Self::HEIGHT));
        let zoom = (0..=Self::MAX_ZOOM)
            .rev()
            .find(|&zoom| {
                let (mut left, mut top) = project(first.latitude, first.longitude, zoom);
                let (mut right, mut bottom) = (left, top);
                for point in points {
                    let (x, y) = project(point.latitude, point.longitude, zoom);
                    (left, right, top, bottom) = (left.min(x), right.max(x), top.min(y), bottom.max(y));
                }
                right - left <= width - 2.0 * Self::PADDING && bottom - top <= height - 2.0 * Self::PADDING
            })
            .unwrap_or(0);

        let projected: Vec<(f64, f64)> =
            points.iter().map(|point| project(point.latitude, point.longitude, zoom)).collect();
        let (left, right) =
            projected.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (x, _)| (lo.min(*x), hi.max(*x)));
        let (top, bottom) =
            projected.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (_, y)| (lo.min(*y), hi.max(*y)));
        let origin_x = (left + right) / 2.0 - width / 2.0;
        let origin_y = (top + bottom) / 2.0 - height / 2.0;

        // One marker per venue (the same place to a metre), in the order the events came (best
        // first): venues apart stay apart however far the map is zoomed in.
        let mut markers: Vec<Marker> = Vec::new();
        let same_place = |a: f64, b: f64| (a - b).abs() < 1e-5;
        for (point, (x, y)) in points.iter().zip(projected) {
            let (x, y) = (round(x - origin_x), round(y - origin_y));
            match markers.iter_mut().find(|marker| {
                same_place(marker.latitude, point.latitude) && same_place(marker.longitude, point.longitude)
            }) {
                Some(marker) => {
                    marker.label = format!("{} · {}", marker.label, point.title);
                    marker.count += 1;
                }
                None => markers.push(Marker {
                    x,
                    y,
                    latitude: point.latitude,
                    longitude: point.longitude,
                    label: point.title.clone(),
                    href: point.href.clone(),
                    count: 1,
                }),
            }
        }

        let tile_grid = tiles.map(|server| {
            let n = 1i64 << zoom;
            let index = |pixel: f64| (pixel / Self::TILE).floor() as i64;
            // Rows beyond the poles do not exist; columns wrap around the world.
            let (top, bottom) = (index(origin_y).max(0), index(origin_y + height).min(n - 1));
            let (left, right) = (index(origin_x), index(origin_x + width));
            let mut hrefs = Vec::new();
            for ty in top..=bottom {
                for tx in left..=right {
                    hrefs.push(
                        server
                            .template
                            .replace("{z}", &zoom.to_string())
                            .replace("{x}", &tx.rem_euclid(n).to_string())
                            .replace("{y}", &ty.to_string()),
                    );
                }
            }
            TileGrid {
                x: round(left as f64 * Self::TILE - origin_x),
                y: round(top as f64 * Self::TILE - origin_y),
                columns: u32::try_from(right - left + 1).unwrap_or(0),
                rows: u32::try_from(bottom - top + 1).unwrap_or(0),
                hrefs,
            }
        });

        Some(Self {
            width: Self::WIDTH,
            height: Self::HEIGHT,
            zoom,
            origin_x: round(origin_x),
            origin_y: round(origin_y),
            tile_template: tiles.map(|server| server.template.clone()),
            tiles: tile_grid,
            markers,
            attribution: tiles.map(|server| (server.attribution.clone(), server.attribution_url.clone())),
        })
    }
}

/// Web Mercator: the point's pixel at `zoom` on a world of 256 × 2^zoom pixels.
fn project(latitude: f64, longitude: f64, zoom: u8) -> (f64, f64) {
    let size = MapView::TILE * f64::from(1u32 << zoom);
    let latitude = latitude.clamp(-85.051_128_78, 85.051_128_78).to_radians();
    let x = (longitude + 180.0) / 360.0 * size;
    let y = (1.0 - (latitude.tan() + 1.0 / latitude.cos()).ln() / std::f64::consts::PI) / 2.0 * size;
    (x, y)
}

impl MapView {
    /// The script that pans and zooms the map.
    pub fn script(&self) -> &'static str {
        crate::assets::map_script_href()
    }

    /// How close the script lets a visitor zoom in.
    pub fn deepest_zoom(&self) -> u8 {
        Self::DEEPEST_ZOOM
    }
}

fn round(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(title: &str, latitude: f64, longitude: f64) -> MapPoint {
        MapPoint { latitude, longitude, title: title.into(), href: format!("/events/{title}") }
    }

    fn osm() -> TileServer {
        TileServer {
            template: "https://tile.example/{z}/{x}/{y}.png".into(),
            attribution: "© OpenStreetMap contributors".into(),
            attribution_url: "https://www.openstreetmap.org/copyright".into(),
        }
    }

    #[test]
    fn the_map_fits_every_marker_inside_its_padding() {
        let points = [
            point("alfama", 38.7118, -9.1300),
            point("belem", 38.6979, -9.2063),
            point("graca", 38.7166, -9.1310),
        ];
        let map = MapView::fit(&points, Some(&osm())).unwrap();
        assert!(map.zoom >= 12 && map.zoom <= 14, "zoom {}", map.zoom);
        for marker in &map.markers {
            assert!((30.0..=610.0).contains(&marker.x) && (30.0..=330.0).contains(&marker.y), "{marker:?}");
        }
        // Tiles cover the whole map and are named by the template, row by row.
        let tiles = map.tiles.as_ref().unwrap();
        assert!(tiles.x <= 0.0 && tiles.y <= 0.0 && tiles.x > -256.0 && tiles.y > -256.0, "{tiles:?}");
        assert!(tiles.x + f64::from(tiles.width()) >= 640.0 && tiles.y + f64::from(tiles.height()) >= 360.0);
        assert_eq!(tiles.hrefs.len() as u32, tiles.columns * tiles.rows);
        assert!(tiles.hrefs[0].starts_with(&format!("https://tile.example/{}/", map.zoom)));
        assert_eq!(map.attribution.as_ref().unwrap().0, "© OpenStreetMap contributors");
    }

    #[test]
    fn one_venue_is_one_marker_and_a_single_place_is_seen_close() {
        let points = [point("a", 35.0116, 135.7681), point("b", 35.0116, 135.7681)];
        let map = MapView::fit(&points, None).unwrap();
        assert_eq!(map.zoom, 16);
        assert_eq!(map.markers.len(), 1);
        assert_eq!(map.markers[0].count, 2);
        assert_eq!(map.markers[0].label, "a · b");
        assert_eq!((map.markers[0].x, map.markers[0].y), (320.0, 180.0));
        // No tile server: markers on a blank background, no credit line.
        assert!(map.tiles.is_none() && map.attribution.is_none());
        assert!(MapView::fit(&[], None).is_none());
    }

    #[test]
    fn far_apart_cities_zoom_out() {
        let points = [point("lisbon", 38.72, -9.14), point("kyoto", 35.01, 135.77)];
        let map = MapView::fit(&points, Some(&osm())).unwrap();
        assert!(map.zoom <= 2, "zoom {}", map.zoom);
        // Tile columns wrap around the world; rows stay on it.
        let n = 1i64 << map.zoom;
        for href in &map.tiles.as_ref().unwrap().hrefs {
            let parts: Vec<i64> =
                href.trim_end_matches(".png").rsplit('/').take(2).map(|p| p.parse().unwrap()).collect();
            assert!((0..n).contains(&parts[0]) && (0..n).contains(&parts[1]), "{href}");
        }
    }
}
