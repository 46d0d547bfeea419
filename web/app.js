// archivar search page: talks to the JSON API of `archivar serve` only.
// No cookies, no storage, no external resources. Text from the API is put
// into the page with textContent; the exceptions are the snippet and the
// highlighted title, which the API returns HTML-escaped with <mark> around
// matched words (highlight=html).
'use strict';

const TEXT = {
  de: {
    search: 'Suchen', from: 'von', to: 'bis', sort: 'Sortierung', relevance: 'Relevanz',
    newest: 'Neueste zuerst', oldest: 'Älteste zuerst', prev: '‹ Zurück', next: 'Weiter ›',
    placeholder: 'Archiv durchsuchen …', results: (n) => `${n} Treffer`, none: 'Keine Treffer.',
    page: (p, n) => `Seite ${p} von ${n}`, related: 'Ähnliche Artikel', hide: 'Ausblenden',
    norelated: 'Keine ähnlichen Artikel.', lang: 'Sprache', year: 'Jahr', source: 'Quelle',
    remove: 'Filter entfernen', error: 'Fehler', other: 'EN',
  },
  en: {
    search: 'Search', from: 'from', to: 'to', sort: 'Order', relevance: 'Relevance',
    newest: 'Newest first', oldest: 'Oldest first', prev: '‹ Previous', next: 'Next ›',
    placeholder: 'Search the archive …', results: (n) => `${n} results`, none: 'No results.',
    page: (p, n) => `Page ${p} of ${n}`, related: 'Related articles', hide: 'Hide',
    norelated: 'No related articles.', lang: 'Language', year: 'Year', source: 'Source',
    remove: 'Remove filter', error: 'Error', other: 'DE',
  },
};
const PAGE_SIZE = 10;
const FACETS = ['lang', 'year', 'source'];
const $ = (id) => document.getElementById(id);

let ui = (navigator.language || 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
const state = { q: '', from: '', to: '', sort: 'relevance', page: 1, filters: [] };
let last = null;  // last search response, re-rendered on a language switch

function t(key, ...args) {
  const v = TEXT[ui][key];
  return typeof v === 'function' ? v(...args) : v;
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function applyLanguage() {
  document.documentElement.lang = ui;
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  $('q').placeholder = t('placeholder');
  $('ui-lang').textContent = t('other');
  if (last) render(last);
}

async function api(path, params, signal) {
  const query = new URLSearchParams();
  for (const [k, v] of params) if (v !== '' && v !== undefined) query.append(k, v);
  const response = await fetch(`${path}?${query}`, { signal, credentials: 'omit' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function searchParams() {
  const p = [['q', state.q], ['from', state.from], ['to', state.to], ['sort', state.sort],
    ['page', state.page], ['size', PAGE_SIZE], ['facets', FACETS.join(',')],
    ['snippet', 240], ['highlight', 'html']];
  for (const f of state.filters) p.push(['filter', f]);
  return p;
}

function saveState() {
  const query = new URLSearchParams();
  for (const k of ['q', 'from', 'to', 'sort', 'page']) {
    if (state[k] && !(k === 'page' && state.page === 1) && !(k === 'sort' && state.sort === 'relevance')) {
      query.set(k, state[k]);
    }
  }
  for (const f of state.filters) query.append('filter', f);
  history.replaceState(null, '', query.toString() ? `?${query}` : '/');
}

function loadState() {
  const query = new URLSearchParams(location.search);
  state.q = query.get('q') || '';
  state.from = query.get('from') || '';
  state.to = query.get('to') || '';
  state.sort = query.get('sort') || 'relevance';
  state.page = Math.max(1, parseInt(query.get('page') || '1', 10) || 1);
  state.filters = query.getAll('filter');
  $('q').value = state.q;
  $('from').value = state.from;
  $('to').value = state.to;
  $('sort').value = state.sort;
}

let searchAbort = null;
async function search() {
  hideSuggestions();
  saveState();
  if (searchAbort) searchAbort.abort();
  searchAbort = new AbortController();
  document.body.classList.add('busy');
  try {
    last = await api('/search', searchParams(), searchAbort.signal);
    render(last);
  } catch (e) {
    if (e.name === 'AbortError') return;
    last = null;
    $('summary').replaceChildren(el('span', { class: 'error' }, `${t('error')}: ${e.message}`));
    $('hits').replaceChildren();
    $('facets').replaceChildren();
    $('pager').hidden = true;
  } finally {
    document.body.classList.remove('busy');
  }
}

function hitMeta(hit) {
  const parts = hit.date ? [hit.date] : [];  // undated archives (help pages): no date at all
  if (hit.source) parts.push(hit.source);
  if (hit.lang) parts.push(hit.lang);
  return parts.join(' · ');
}

// `highlighted`: the hit comes from a request with highlight=html.
function hitTitle(hit, highlighted = false) {
  const safe = /^https?:\/\//i.test(hit.url || '');
  const node = safe ? el('a', { href: hit.url, rel: 'noopener noreferrer' }) : el('span', {});
  if (highlighted && hit.title_highlighted) {
    node.innerHTML = hit.title_highlighted;  // server-escaped, <mark> only (highlight=html)
  } else {
    node.textContent = hit.title || hit.id;
  }
  return node;
}

function renderHit(hit) {
  const snippet = el('p', { class: 'snippet' });
  snippet.innerHTML = hit.snippet || '';  // server-escaped, <mark> only
  const relatedList = el('ul', { class: 'related', hidden: '' });
  const button = el('button', { type: 'button', class: 'more' }, t('related'));
  button.addEventListener('click', () => toggleRelated(hit.id, relatedList, button));
  return el('li', { class: 'hit', 'data-id': hit.id },
    el('h3', {}, hitTitle(hit, true)),
    el('div', { class: 'meta' }, hitMeta(hit)),
    snippet, button, relatedList);
}

async function toggleRelated(id, list, button) {
  if (!list.hidden) {
    list.hidden = true;
    button.textContent = t('related');
    return;
  }
  try {
    const r = await api(`/articles/${encodeURIComponent(id)}/related`, [['size', 5]]);
    list.replaceChildren(...(r.hits.length ? r.hits.map((h) =>
      el('li', {}, hitTitle(h), el('span', { class: 'meta' }, ` — ${hitMeta(h)}`)))
      : [el('li', {}, t('norelated'))]));
  } catch (e) {
    list.replaceChildren(el('li', { class: 'error' }, `${t('error')}: ${e.message}`));
  }
  list.hidden = false;
  button.textContent = t('hide');
}

function render(r) {
  const total = r.total.estimated;
  $('summary').textContent = total ? t('results', total.toLocaleString(ui)) : t('none');
  $('hits').replaceChildren(...r.hits.map(renderHit));

  const facets = [];
  for (const name of FACETS) {
    const values = (r.facets && r.facets[name]) || [];
    if (!values.length) continue;
    facets.push(el('h2', {}, t(name)));
    facets.push(el('ul', { 'data-facet': name }, ...values.map((v) => el('li', {},
      el('button', { type: 'button', 'data-filter': `${name}:${v.value}`,
        onclick: () => addFilter(`${name}:${v.value}`) }, v.value),
      el('span', { class: 'count' }, ` (${v.count})`)))));
  }
  $('facets').replaceChildren(...facets);

  $('filters').replaceChildren(...state.filters.map((f) => {
    const [name, ...value] = f.split(':');
    const label = TEXT[ui][name] ? `${t(name)}: ${value.join(':')}` : f;
    return el('button', { type: 'button', class: 'chip', title: t('remove'), 'data-filter': f,
      onclick: () => removeFilter(f) }, `${label} ×`);
  }));

  const pages = Math.max(1, Math.ceil(Math.min(total, 100000) / PAGE_SIZE));
  $('pager').hidden = pages <= 1;
  $('page').textContent = t('page', state.page, pages);
  $('prev').disabled = state.page <= 1;
  $('next').disabled = state.page >= pages;
}

function addFilter(f) {
  if (!state.filters.includes(f)) state.filters.push(f);
  state.page = 1;
  search();
}

function removeFilter(f) {
  state.filters = state.filters.filter((x) => x !== f);
  state.page = 1;
  search();
}

// As-you-type suggestions.
let suggestTimer = 0;
let suggestAbort = null;
let selected = -1;

function hideSuggestions() {
  clearTimeout(suggestTimer);
  if (suggestAbort) suggestAbort.abort();
  $('suggestions').hidden = true;
  $('suggestions').replaceChildren();
  selected = -1;
}

async function suggest() {
  const q = $('q').value;
  if (suggestAbort) suggestAbort.abort();
  suggestAbort = new AbortController();
  try {
    const r = await api('/suggest', [['q', q], ['limit', 8]], suggestAbort.signal);
    const list = $('suggestions');
    list.replaceChildren(...r.suggestions.map((s, i) => el('li', { role: 'option', id: `s${i}`,
      onmousedown: (e) => { e.preventDefault(); choose(s); } }, s)));
    list.hidden = r.suggestions.length === 0 || $('q').value !== q;
    selected = -1;
  } catch (e) {
    if (e.name !== 'AbortError') hideSuggestions();
  }
}

function choose(s) {
  $('q').value = s;
  state.q = s;
  state.page = 1;
  search();
}

function moveSelection(step) {
  const items = [...$('suggestions').children];
  if (!items.length || $('suggestions').hidden) return false;
  selected = (selected + step + items.length + 1) % (items.length + 1) - 1;
  items.forEach((li, i) => li.setAttribute('aria-selected', String(i === selected)));
  return true;
}

$('q').addEventListener('input', () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(suggest, 120);
});
$('q').addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' && moveSelection(1)) e.preventDefault();
  else if (e.key === 'ArrowUp' && moveSelection(-1)) e.preventDefault();
  else if (e.key === 'Escape') hideSuggestions();
  else if (e.key === 'Enter' && selected >= 0) {
    e.preventDefault();
    choose($('suggestions').children[selected].textContent);
  }
});
$('q').addEventListener('blur', () => setTimeout(hideSuggestions, 100));
$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  state.q = $('q').value;
  state.page = 1;
  search();
});
for (const id of ['from', 'to', 'sort']) {
  $(id).addEventListener('change', () => {
    state[id] = $(id).value;
    state.page = 1;
    search();
  });
}
$('prev').addEventListener('click', () => { state.page -= 1; search(); window.scrollTo(0, 0); });
$('next').addEventListener('click', () => { state.page += 1; search(); window.scrollTo(0, 0); });
$('ui-lang').addEventListener('click', () => { ui = ui === 'de' ? 'en' : 'de'; applyLanguage(); });

loadState();
applyLanguage();
search();
