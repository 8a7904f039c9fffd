// The search box in every page's header as an ARIA combobox: while typing, the best events,
// cities and categories for the text so far (GET /api/search/suggest), chosen with the arrow
// keys and opened with Enter, or with a click. Without JavaScript it is the plain search form.
(() => {
  const input = document.getElementById('site-q');
  if (!input || !window.fetch) return;
  const form = input.form;
  const text = form.dataset;
  const list = document.createElement('ul');
  list.id = 'site-q-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', text.suggestLabel);
  list.hidden = true;
  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  form.append(list, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let options = [];
  let active = -1;
  let pending = null;
  let timer = 0;
  let typed = input.value;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (index) => {
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
    active = index;
    if (index < 0) {
      input.removeAttribute('aria-activedescendant');
    } else {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    }
  };

  const open = (url) => {
    window.location.assign(url);
  };

  const render = (body) => {
    list.replaceChildren();
    options = [];
    const group = (heading, items, label) => {
      if (!items.length) return;
      const title = document.createElement('li');
      title.className = 'suggestions-heading';
      title.setAttribute('role', 'presentation');
      title.textContent = heading;
      list.append(title);
      for (const item of items) {
        const option = document.createElement('li');
        option.id = `site-q-option-${options.length}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.url = item.url;
        const name = document.createElement('span');
        name.className = 'suggestion-name';
        name.textContent = label(item);
        if (item.title_language) name.lang = item.title_language;
        const hint = document.createElement('span');
        hint.className = 'suggestion-hint';
        hint.textContent = item.hint;
        option.append(name, hint);
        // Keep the focus in the box: the click opens the suggestion.
        option.addEventListener('mousedown', (event) => event.preventDefault());
        option.addEventListener('click', () => open(item.url));
        list.append(option);
        options.push(option);
      }
    };
    group(text.suggestEvents, body.events, (item) => item.title);
    group(text.suggestCities, body.cities, (item) => item.name);
    group(text.suggestCategories, body.categories, (item) => item.label);
    active = -1;
    if (options.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      status.textContent = text.suggestAvailable;
    } else {
      close();
      status.textContent = typed.trim() ? text.suggestNone : '';
    }
  };

  const ask = async () => {
    const query = input.value;
    typed = query;
    if (!query.trim()) {
      close();
      list.replaceChildren();
      return;
    }
    if (pending) pending.abort();
    pending = new AbortController();
    const lang = document.documentElement.lang;
    try {
      const response = await fetch(
        `/api/search/suggest?q=${encodeURIComponent(query)}&lang=${encodeURIComponent(lang)}`,
        { signal: pending.signal, headers: { accept: 'application/json' } },
      );
      if (!response.ok || query !== input.value) return;
      render(await response.json());
    } catch (error) {
      if (error.name !== 'AbortError') close();
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) {
        if (options.length) {
          list.hidden = false;
          input.setAttribute('aria-expanded', 'true');
        }
        return;
      }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = active + step;
      highlight(next < -1 ? options.length - 1 : next >= options.length ? -1 : next);
    } else if (event.key === 'Enter' && !list.hidden && active >= 0) {
      event.preventDefault();
      open(options[active].dataset.url);
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    }
  });
  input.addEventListener('blur', close);
})();
