// A map of results that moves. The server draws it (markers over the tiles of one zoom, each a
// link to its event); this script lets it be dragged or panned with the arrow keys, and zoomed
// with its buttons or + and -, around the centre. Each view fetches its own tiles from the same
// server and places the markers again from their coordinates (Web Mercator, 256-pixel tiles).
// Without JavaScript the map stays as drawn; without tiles its markers move on a blank ground.
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const TILE = 256;

  const project = (lat, lng, zoom) => {
    const size = TILE * 2 ** zoom;
    const phi = (Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180;
    return [((lng + 180) / 360) * size, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size];
  };

  for (const figure of document.querySelectorAll('figure.map')) {
    const svg = figure.querySelector('svg.map-canvas');
    const controls = figure.querySelector('.map-controls');
    if (!svg || !controls) continue;
    const [width, height] = svg.getAttribute('viewBox').split(' ').slice(2).map(Number);
    const deepest = Number(svg.dataset.deepestZoom) || 18;
    const template = svg.dataset.tiles;
    const view = { zoom: Number(svg.dataset.zoom), x: Number(svg.dataset.originX), y: Number(svg.dataset.originY) };
    const markers = [...svg.querySelectorAll('a.map-marker')].map((link) => ({
      link,
      lat: Number(link.dataset.lat),
      lng: Number(link.dataset.lng),
      pin: link.querySelector('path'),
      count: link.querySelector('text'),
    }));

    // The tiles drawn, one more all round than the view needs, so that a short pan only
    // slides them; a pan past them fetches the tiles of the new view.
    let drawn = null;
    const placeTiles = () => {
      const holder = svg.querySelector('foreignObject');
      if (!holder || !drawn) return;
      holder.setAttribute('x', String(drawn.left * TILE - view.x));
      holder.setAttribute('y', String(drawn.top * TILE - view.y));
    };
    const drawTiles = () => {
      svg.querySelector('foreignObject')?.remove();
      drawn = null;
      if (!template) return;
      const n = 2 ** view.zoom;
      const top = Math.max(0, Math.floor(view.y / TILE) - 1);
      const bottom = Math.min(n - 1, Math.floor((view.y + height) / TILE) + 1);
      const left = Math.floor(view.x / TILE) - 1;
      const right = Math.floor((view.x + width) / TILE) + 1;
      if (bottom < top) return;
      drawn = { top, bottom, left, right };
      const holder = document.createElementNS(SVG, 'foreignObject');
      holder.setAttribute('width', String((right - left + 1) * TILE));
      holder.setAttribute('height', String((bottom - top + 1) * TILE));
      holder.setAttribute('aria-hidden', 'true');
      const grid = document.createElementNS(XHTML, 'div');
      grid.className = 'map-tiles';
      grid.style.width = `${(right - left + 1) * TILE}px`;
      for (let ty = top; ty <= bottom; ty += 1) {
        for (let tx = left; tx <= right; tx += 1) {
          const img = document.createElementNS(XHTML, 'img');
          img.alt = '';
          img.width = TILE;
          img.height = TILE;
          img.decoding = 'async';
          img.draggable = false;
          img.src = template
            .replace('{z}', String(view.zoom))
            .replace('{x}', String(((tx % n) + n) % n))
            .replace('{y}', String(ty));
          grid.appendChild(img);
        }
      }
      holder.appendChild(grid);
      svg.querySelector('.map-blank').after(holder);
      placeTiles();
    };
    const tilesCover = () => {
      if (!drawn) return !template;
      const n = 2 ** view.zoom;
      return (
        view.x >= drawn.left * TILE &&
        view.x + width <= (drawn.right + 1) * TILE &&
        (view.y >= drawn.top * TILE || drawn.top === 0) &&
        (view.y + height <= (drawn.bottom + 1) * TILE || drawn.bottom === n - 1)
      );
    };

    const drawMarkers = () => {
      for (const marker of markers) {
        const [wx, wy] = project(marker.lat, marker.lng, view.zoom);
        const x = Math.round((wx - view.x) * 10) / 10;
        const y = Math.round((wy - view.y) * 10) / 10;
        marker.pin.setAttribute('transform', `translate(${x} ${y})`);
        marker.count?.setAttribute('x', String(x));
        marker.count?.setAttribute('y', String(y));
        // A marker out of view is out of the tab order too.
        const outside = x < -12 || x > width + 12 || y < 0 || y > height + 24;
        marker.link.setAttribute('tabindex', outside ? '-1' : '0');
      }
    };

    const draw = () => {
      svg.dataset.zoom = String(view.zoom);
      drawTiles();
      drawMarkers();
      zoomIn.disabled = view.zoom >= deepest;
      zoomOut.disabled = view.zoom <= 0;
    };

    const pan = (dx, dy) => {
      // Up and down, no further than the world's edge reaching the middle of the map.
      const size = TILE * 2 ** view.zoom;
      view.x += dx;
      view.y = Math.max(-height / 2, Math.min(size - height / 2, view.y + dy));
      drawMarkers();
      placeTiles();
      if (!tilesCover()) {
        clearTimeout(pan.timer);
        pan.timer = setTimeout(drawTiles, 50);
      }
    };

    const zoom = (by) => {
      const to = Math.max(0, Math.min(deepest, view.zoom + by));
      clearTimeout(pan.timer);
      if (to === view.zoom) return;
      const scale = 2 ** (to - view.zoom);
      view.x = (view.x + width / 2) * scale - width / 2;
      view.y = (view.y + height / 2) * scale - height / 2;
      view.zoom = to;
      draw();
    };

    const [zoomIn, zoomOut] = controls.querySelectorAll('button[data-map-zoom]');
    for (const button of [zoomIn, zoomOut]) {
      button.addEventListener('click', () => zoom(Number(button.dataset.mapZoom)));
    }

    // Dragging with a mouse, a finger or a pen; a drag that moved is not a click on a marker,
    // but a tap that trembled a little still is.
    let drag = null;
    let dragged = false;
    svg.addEventListener('dragstart', (event) => event.preventDefault());
    svg.addEventListener('pointerdown', (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, id: event.pointerId, slack: event.pointerType === 'mouse' ? 4 : 10 };
      dragged = false;
    });
    svg.addEventListener('pointermove', (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      if (!dragged && Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < drag.slack) return;
      const scale = width / svg.getBoundingClientRect().width;
      const dx = (event.clientX - drag.x) * scale;
      const dy = (event.clientY - drag.y) * scale;
      if (!dragged) {
        dragged = true;
        svg.setPointerCapture(event.pointerId);
        svg.classList.add('map-dragging');
      }
      drag.x = event.clientX;
      drag.y = event.clientY;
      pan(-dx, -dy);
    });
    const stop = () => {
      drag = null;
      svg.classList.remove('map-dragging');
      // The click that ends a drag comes before this; a later one (Enter on a marker) counts.
      setTimeout(() => {
        dragged = false;
      }, 0);
    };
    svg.addEventListener('pointerup', stop);
    svg.addEventListener('pointercancel', stop);
    svg.addEventListener(
      'click',
      (event) => {
        if (dragged) {
          event.preventDefault();
          dragged = false;
        }
      },
      true,
    );

    // The keyboard: the map itself takes focus; arrows pan, + and - zoom.
    svg.setAttribute('tabindex', '0');
    svg.addEventListener('keydown', (event) => {
      if (event.target !== svg || event.altKey || event.ctrlKey || event.metaKey) return;
      const step = 64;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (moves[event.key]) {
        pan(...moves[event.key]);
      } else if (event.key === '+' || event.key === '=') {
        zoom(1);
      } else if (event.key === '-' || event.key === '_') {
        zoom(-1);
      } else {
        return;
      }
      event.preventDefault();
    });

    controls.hidden = false;
    figure.classList.add('map-live');
    draw();
  }
})();
