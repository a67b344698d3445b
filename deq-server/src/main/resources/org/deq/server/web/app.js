// Deep Earth Query web UI: plain JavaScript over the JSON API (/api/openapi.json); no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const PAGE = 60;
// result: the list on screen (search results or a feedback round); session: its feedback session id, once refined;
// rerun: runs the query on screen again with the filters then set (while one runs: that one); shownRerun: the rerun of
// the list on screen, even while another query runs; seq: the latest request, the only one that may render;
// busy: queries running; listStatus: the status line of the list on screen; applying: the next query comes from Apply filters;
// hash: the URL hash naming the list on screen; entry: the number of its history entry (history.state.entry), counted
// from the page's first, so that a Back or Forward cancelled over pending marks can go back as many entries as it went
const state = { mode: 'browse', offset: 0, result: null, session: null, queryPatches: [], marks: new Map(),
  rerun: null, shownRerun: null, seq: 0, sentinel2: false, labelled: false, georeferenced: true, timed: true, busy: 0, listStatus: '', applying: false,
  hash: location.hash, entry: 0, returning: false };

/** The server did not answer at all (stopped, or the network is down): nothing about the list on screen has changed. */
class Unreachable extends Error {
  constructor() { super('cannot reach the deq server (is it still running?)'); }
}

/** fetch, whose network failure says so in words rather than the browser's "Failed to fetch". */
async function request(path, options) {
  try {
    return await fetch(path, options);
  } catch (e) {
    throw new Unreachable();
  }
}

/** The API's message of a failed response ({"error": "..."}), else its HTTP status. */
async function errorOf(response) {
  const body = await response.json().catch(() => ({}));
  return body.error || ('HTTP ' + response.status);
}

async function api(path, options) {
  const response = await request(path, options);
  if (!response.ok) {
    const error = new Error(await errorOf(response));
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/** Whether an API error says that a feedback session is unknown to the server (deleted meanwhile, or another server's). */
function sessionGone(error) {
  return error.status === 404 && error.message.startsWith('no feedback session');
}

/** The page's title names the view on screen, so that a tab, a bookmark and the history say which it is. */
function setTitle(view) {
  document.title = visible(view) + ' — Deep Earth Query';
}

/** Shows an error above the results, scrolled into view; '' hides it. */
function showError(message) {
  // the Results field is described by the box while it holds the field's own error, no other
  if ($('k').hasAttribute('aria-invalid') && message !== resultsError()) markResultsInvalid(false);
  $('error').textContent = visible(message);
  $('error').hidden = !message;
  if (message) $('error').scrollIntoView({ block: 'nearest' });
}

/**
 * A query failed: its error replaces the list on screen, so no stale results or query strip stay under it as if they
 * answered it. Pending marks go with the list (the user agreed to drop them before asking).
 */
function showQueryError(message) {
  state.mode = 'error';
  setTitle('Error');
  state.result = null;
  state.session = null;
  state.marks.clear();
  const grid = $('grid');
  grid.innerHTML = '';
  grid.dataset.resultId = '';
  grid.classList.remove('pairs');
  $('query-strip').innerHTML = '';
  setStatus('');
  $('notes').textContent = '';
  $('suggestions').hidden = true;
  $('pager').hidden = true;
  updateToolbar();
  drawMap([], []);
  showError(message);
}

/**
 * A failed query: an unreachable server leaves the list on screen (nothing about it changed), as does a failure the
 * caller asks to keep it for; any other error replaces it. True when the list stayed.
 */
function showFailure(error, keepList = false) {
  if (!keepsList(error, keepList)) {
    showQueryError(error.message);
    return false;
  }
  showError(error.message);
  $('status').textContent = visible(state.listStatus);
  setHash(state.hash); // Back or Forward asked for another list: the URL names the one still shown
  return true;
}

/** Whether a failed query leaves the list on screen: one the caller keeps it for, or a server that did not answer. */
function keepsList(error, keepList) {
  return keepList || error instanceof Unreachable;
}

/** The status line of the list on screen, kept to be shown again when a later query fails and leaves the list standing. */
function setStatus(text) {
  state.listStatus = text;
  $('status').textContent = visible(text);
}

/** The filters a list was asked with, for its status line: ' · filtered: labels-any=Water bodies, from=2017-06-01', or ''. */
function filterSummary(params) {
  const terms = [...params].filter(([name]) => name !== 'k').map(([name, value]) => name + '=' + value);
  return terms.length ? ' · filtered: ' + terms.join(', ') : '';
}

/** A count and its noun, singular for one: '1 pair', '2,100 pairs'. */
function count(n, one, many) {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** Notes as sentences, each capitalised and closed with a full stop, rather than glued on to the text before them. */
function sentences(notes) {
  return notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1) + (/[.?!]$/.test(n) ? '' : '.')).join(' ');
}

/**
 * A list's notes from the API (why a filter may have left nothing): on the line above a list, or, when it is empty,
 * in the box that says so instead of a blank grid, and then only there.
 */
function showNotes(grid, count, emptyText, notes = []) {
  $('notes').textContent = count ? visible(notes.join(' · ')) : '';
  if (count) return;
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = visible(sentences([emptyText].concat(notes)));
  grid.appendChild(p);
}

/**
 * Every action that replaces the list on screen drops its pending marks: asks first, and false means the user kept
 * them (and the list). The new list, once shown, clears the marks.
 */
function discardMarks(action) {
  return !state.marks.size || confirm(visible(`Discard your ${state.marks.size} pending mark(s) and ${action}?`));
}

/**
 * A thumbnail that acts as a button: reachable with Tab, named for screen readers, run by a click, Enter or Space.
 * label: what it does; shows: what it shows, where the label does not say (a pair's before or after).
 */
function actsAsButton(el, label, action, shows = '') {
  el.tabIndex = 0;
  el.setAttribute('role', 'button');
  el.dataset.does = label;
  el.dataset.shows = shows;
  nameThumb(el);
  el.addEventListener('click', action);
  el.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault(); // Space would scroll the page
    action();
  });
}

/**
 * Names a thumbnail acting as a button for what it shows, then what it does: its aria-label hides its alt, so a map
 * shown in its place (map: the map's alt) is described there.
 */
function nameThumb(el, map = '') {
  const shows = map || el.dataset.shows;
  const name = shows ? shows + ' — ' + el.dataset.does : el.dataset.does;
  el.setAttribute('aria-label', visible(name));
  el.title = visible(name);
}

/**
 * Text that CSS may cut with an ellipsis: at the end of its one line, or, for ids (which differ at their end and must
 * show their start too), wrapped on up to three lines and cut only past them: the title holds all of it for a mouse,
 * and a click, a tap, Enter or Space shows it whole in place (a title is out of reach of touch and keyboard).
 */
/**
 * A cut line is a button that shows it whole; a line shown whole (uncut) is none, so that only cut ones are Tab stops
 * (a page of cards had about 200). One not laid out (a hidden section) stays a button; one expanded stays one too.
 */
function asButtonWhileCut(el) {
  const laidOut = el.getClientRects().length > 0;
  const cut = !laidOut || el.classList.contains('whole') || el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
  if (cut === !el.classList.contains('uncut') && el.hasAttribute('role') === cut) return;
  el.classList.toggle('uncut', !cut);
  if (cut) {
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    el.setAttribute('aria-expanded', String(el.classList.contains('whole')));
  } else {
    ['role', 'aria-expanded', 'tabindex'].forEach((a) => el.removeAttribute(a));
  }
}

/**
 * Lines are cut or whole again when the layout changes (a resize, zoom, the scroll bar appearing); one taken off the
 * page (its size drops to 0) is no longer watched.
 */
const cutLines = new ResizeObserver((entries) => entries.forEach((e) => {
  if (e.target.isConnected) asButtonWhileCut(e.target); else cutLines.unobserve(e.target);
}));

function setCut(el, data, wraps = false) {
  const text = visible(data);
  el.classList.add('cut');
  if (wraps) {
    el.classList.add('wraps');
    // lines break after a folder's '/' or a '_' rather than inside a word; <wbr> adds no text to copy
    text.split(/(?<=[/_])/).forEach((part, i) => {
      if (i) el.appendChild(document.createElement('wbr'));
      el.appendChild(document.createTextNode(part));
    });
  } else {
    el.textContent = text;
  }
  el.title = text;
  asButtonWhileCut(el);
  cutLines.observe(el);
  const toggle = () => {
    if (el.classList.contains('uncut')) return;
    el.setAttribute('aria-expanded', String(el.classList.toggle('whole')));
  };
  el.addEventListener('click', toggle);
  el.addEventListener('keydown', (e) => {
    const collapse = e.key === 'Escape' && el.classList.contains('whole');
    if (e.key !== 'Enter' && e.key !== ' ' && !collapse) return;
    e.preventDefault(); // Space would scroll the page
    toggle();
  });
}

function thumbUrl(id) { return 'api/thumbnail?id=' + encodeURIComponent(id); }

/**
 * Shows a stored patch's thumbnail in img; one the API cannot draw (its archive file moved, deleted or unreadable: a
 * 409) shows the API's reason instead of a broken image: written on a grey square, and in the image's title and
 * data-error.
 */
function setThumb(img, id) {
  img.onerror = () => thumbFailed(img, id);
  img.src = thumbUrl(id);
}

async function thumbFailed(img, id) {
  img.onerror = null;
  let reason;
  try {
    const response = await request(thumbUrl(id));
    reason = response.ok ? 'the browser could not show the picture' : await errorOf(response);
  } catch (e) {
    reason = e.message;
  }
  if (!img.src.endsWith(thumbUrl(id))) return; // a map was swapped in meanwhile
  reason = visible(reason); // it often names the id, which the picture's text would lay out reordered too
  img.dataset.error = reason;
  if (!img.title.includes(reason)) img.title = img.title ? img.title + ' (' + reason + ')' : reason;
  img.src = reasonPicture(reason);
}

/** A thumbnail-sized grey square saying "No picture" and why, as a PNG data URL. */
function reasonPicture(reason) {
  const size = 256;
  const margin = 16;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const g = canvas.getContext('2d');
  g.fillStyle = '#dde3ea';
  g.fillRect(0, 0, size, size);
  g.fillStyle = '#333';
  g.font = 'bold 24px sans-serif';
  g.fillText('No picture', margin, 44);
  g.font = '18px sans-serif';
  let line = '';
  let y = 80;
  for (const word of reason.split(/\s+/)) { // wrapped at spaces, as many lines as fit
    const longer = line ? line + ' ' + word : word;
    if (line && g.measureText(longer).width > size - 2 * margin) {
      g.fillText(line, margin, y);
      line = word;
      y += 24;
    } else {
      line = longer;
    }
  }
  g.fillText(line, margin, y);
  return canvas.toDataURL('image/png');
}

/** A stored id in a URL's hash, its slashes kept readable. */
function hashId(id) { return encodeURIComponent(id).replace(/%2F/g, '/'); }

function idsHash(ids) { return (ids.length === 1 ? '#id=' : '#ids=') + ids.map(hashId).join(','); }

/** A feedback session's hash: its name is letters, digits, '.', '_' and '-' (the API's rule), nothing to encode. */
function sessionHash(sid) { return '#session=' + encodeURIComponent(sid); }

function sessionPath(sid) { return 'api/feedback/sessions/' + encodeURIComponent(sid); }

/**
 * The ids of '#ids=A,B', split before they are decoded: an id holding a comma is encoded as %2C (hashId), which
 * URLSearchParams would decode before the split. A malformed escape is kept as written.
 */
function hashIds() {
  const raw = location.hash.slice(1).split('&').find((kv) => kv.startsWith('ids=')).slice(4);
  return raw.split(',').filter(Boolean).map((part) => {
    try { return decodeURIComponent(part.replace(/\+/g, ' ')); } catch (e) { return part; }
  });
}

/**
 * The query on screen in the URL's hash, as a new history entry: reload, Back and a shared link show it again. After
 * Back or Forward to a list not shown, its own hash is pushed again, so that Back leads to that list once more.
 */
function setHash(hash) {
  state.hash = hash;
  if (location.hash !== hash) history.pushState({ entry: ++state.entry }, '', hash || location.pathname + location.search);
}

/**
 * Back or Forward: the query the URL names, unless pending marks are kept; then the browser goes back to the entry of
 * the list on screen, over as many entries as it moved, and none between is lost (an entry the page did not number,
 * a hash typed into the address bar, has the list's URL pushed again instead).
 */
function historyMoved(event) {
  const to = event.state && Number.isInteger(event.state.entry) ? event.state.entry : null;
  if (state.returning) { // on the way back to the list on screen, marks kept: arrived, or moved again meanwhile
    if (to === state.entry || to === null) state.returning = false;
    else history.go(state.entry - to);
    return;
  }
  if (discardMarks('go to the query of that page')) {
    if (to !== null) state.entry = to;
    else history.replaceState({ entry: ++state.entry }, ''); // typed: an entry after the one it came from
    runHash();
  } else if (to !== null && to !== state.entry) {
    state.returning = true;
    history.go(state.entry - to);
  } else if (to === null) { // a typed hash, one entry on: back to the list's own entry (Forward asks again)
    state.returning = true;
    history.go(-1);
  }
}

/**
 * Runs the query the URL's hash names (#id=ID, #ids=A,B, #before=A&after=B), shows a feedback session's current round
 * (#session=SID), or lists the pairs (#pairs) or archive.
 */
function runHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  if (p.get('before') && p.get('after')) changeByIds(p.get('before'), p.get('after'));
  else if (p.has('pairs')) browsePairs(0);
  else if (p.get('session')) openSession(p.get('session'));
  else if (p.get('id')) searchByIds([p.get('id')]);
  else if (p.get('ids')) searchByIds(hashIds());
  else browse(0);
}

function selected(select) { return Array.from(select.selectedOptions).map((o) => o.value); }

/** The filter and k as query parameters, named as the API (and the CLI's --filter) names them. */
function filterParams() {
  const p = new URLSearchParams();
  const any = selected($('labels-any'));
  const all = selected($('labels-all'));
  if (any.length) p.set('labels-any', any.join('|'));
  if (all.length) p.set('labels-all', all.join('|'));
  if ($('from').value) p.set('from', $('from').value);
  if ($('to').value) p.set('to', $('to').value);
  const seasons = Array.from(document.querySelectorAll('input[name=season]:checked')).map((c) => c.value);
  if (seasons.length) p.set('season', seasons.join('|'));
  if ($('bbox').value.trim()) p.set('bbox', $('bbox').value.trim());
  const flags = Array.from(document.querySelectorAll('input[name=exclude-flag]:checked')).map((c) => c.value);
  if (flags.length) p.set('exclude-flags', flags.join('|'));
  return p;
}

/** The filters and k; k is checked here, so that a wrong one is said in the words of its field, not the API's. */
function searchParams() {
  const p = filterParams();
  const error = resultsError();
  markResultsInvalid(error !== '');
  if (error) throw new Error(error);
  p.set('k', $('k').value.trim() || '20');
  return p;
}

/** What is wrong with the Results field's count, in its words; '' when the API takes it. */
function resultsError() {
  const field = $('k');
  const k = field.value.trim() || '20';
  return /^\d+$/.test(k) && +k >= +field.min && +k <= +field.max ? ''
    : `Results must be a whole number between ${field.min} and ${field.max}, not ${k}.`;
}

/** The Results field is marked invalid for assistive technology, described by the error box, until it is fixed. */
function markResultsInvalid(invalid) {
  const field = $('k');
  if (invalid) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', 'error');
  } else {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
}

async function loadStats() {
  const s = await api('api/stats');
  state.sentinel2 = s.sentinel2Folders;
  state.labelled = Object.keys(s.labels).length > 0;
  state.georeferenced = s.georeferenced > 0;
  // controls that cannot apply to this index are hidden, so that a phone reaches the results sooner
  $('date-filters').hidden = $('season-filters').hidden = !s.firstAcquired;
  $('bbox-filter').hidden = $('footprints').hidden = !state.georeferenced;
  $('labels-any').parentElement.hidden = $('labels-all').parentElement.hidden = $('labels-hint').hidden = !state.labelled;
  state.timed = Boolean(s.firstAcquired);
  let flagged = 0;
  for (const box of document.querySelectorAll('input[name="exclude-flag"]')) {
    const some = (s.flags[box.value] || 0) > 0;
    box.parentElement.hidden = !some;
    if (!some) box.checked = false; // a hidden box must not filter
    flagged += some ? 1 : 0;
  }
  $('flag-filters').hidden = flagged === 0;
  updateToolbar();
  $('stats').textContent = `${s.patches.toLocaleString()} patches · ${s.descriptor} · ${s.distance}` +
    (s.firstAcquired ? ` · ${s.firstAcquired.slice(0, 10)} – ${s.lastAcquired.slice(0, 10)}` : '');
  // an index to rebuild, or a newer deq's: a short word here, the whole note (what to do) on hover
  if (s.notes.length) $('stats').textContent += ' · see the note';
  $('stats').title = [$('stats').textContent, ...s.notes.map(visible)].join('\n'); // a narrow header cuts it with an ellipsis
  for (const select of [$('labels-any'), $('labels-all')]) {
    select.innerHTML = '';
    for (const [label, count] of Object.entries(s.labels)) {
      const o = document.createElement('option');
      o.value = label;
      o.textContent = `${visible(label)} (${count})`;
      o.title = o.textContent; // a long label (BigEarthNet's) is cut at the list's edge
      select.appendChild(o);
    }
  }
}

/** The change query section is hidden on an index without bi-temporal pairs; if the check fails, it stays. */
async function checkPairs() {
  const page = await api('api/change/pairs?limit=1').catch(() => null);
  if (page) $('change-query').hidden = page.total === 0;
}

function card(patch, hit) {
  const div = document.createElement('div');
  div.className = 'card';
  div.dataset.id = patch.id;
  const img = document.createElement('img');
  img.className = 'thumb';
  img.loading = 'lazy';
  setThumb(img, patch.id);
  img.alt = visible(patch.id);
  actsAsButton(img, 'Search for places like ' + patch.id,
    () => discardMarks('search for places like ' + patch.id) && searchByIds([patch.id]));
  div.appendChild(img);
  const meta = document.createElement('div');
  meta.className = 'meta';
  // an index without times would say "no date" on every card
  const date = patch.acquired ? patch.acquired.slice(0, 10) : state.timed ? 'no date' : '';
  meta.innerHTML = `<div class="id"></div><div class="num"><span class="rank"></span><span class="distance"></span></div>` +
    '<div class="num"><span class="date"></span></div><div class="labels"></div>';
  setCut(meta.querySelector('.id'), patch.id, true);
  meta.querySelector('.date').textContent = date;
  setCut(meta.querySelector('.labels'), patch.labels.join(' · ') || (state.labelled ? 'no labels' : ''));
  // the networks need surface reflectance: the API refuses a Level-1C (top of atmosphere) patch
  if (state.sentinel2 && !patch.flags.includes('level-1c')) {
    const laiButton = document.createElement('button');
    laiButton.className = 'map';
    laiButton.type = 'button';
    const map = {
      url: 'api/biophysical.png?resolution=10&id=' + encodeURIComponent(patch.id),
      figures: 'api/biophysical.json?resolution=10&id=' + encodeURIComponent(patch.id), describe: laiFigures,
      id: patch.id, of: patch.id, label: 'LAI map', what: 'LAI map',
      alt: 'leaf area index of ' + patch.id + ': brown bare, yellow to dark green 0 to 8, grey no value',
    };
    labelMapButton(laiButton, map.label, map);
    laiButton.addEventListener('click', (e) => toggleMap(e.currentTarget, img, map));
    meta.querySelector('.date').parentNode.appendChild(laiButton);
  }
  if (hit) {
    meta.querySelector('.rank').textContent = hit.rank ? '#' + hit.rank : 'suggested';
    // a feedback ranking has no distance: it shows the relevance model's score instead
    if (hit.distance != null) meta.querySelector('.distance').textContent = 'd = ' + hit.distance.toPrecision(4);
    else if (hit.score != null) meta.querySelector('.distance').textContent = 'score ' + hit.score.toPrecision(3);
    if (hit.mark != null) {
      div.classList.add(hit.mark ? 'saved-relevant' : 'saved-irrelevant');
      // a mark of an earlier round is said in words too, not by its border's colour alone
      const saved = document.createElement('div');
      saved.className = 'saved';
      saved.textContent = hit.mark ? '✓ marked relevant' : '✗ marked irrelevant';
      meta.querySelector('.num').after(saved);
    }
  }
  div.appendChild(meta);
  const isExample = state.result && state.result.examples.includes(patch.id);
  if (hit && !isExample) {
    const marks = document.createElement('div');
    marks.className = 'marks';
    for (const [kind, text] of [['relevant', '✓ relevant'], ['irrelevant', '✗ irrelevant']]) {
      const b = document.createElement('button');
      b.className = 'mark-' + kind;
      b.textContent = text;
      b.setAttribute('aria-label', `mark ${visible(patch.id)} ${kind}`);
      b.setAttribute('aria-pressed', 'false');
      b.addEventListener('click', () => mark(patch.id, kind));
      marks.appendChild(b);
    }
    div.appendChild(marks);
  }
  return div;
}

/** Toggles a pending mark; an image can show both in the ranking and in the suggestions, so every card of it follows. */
function mark(id, kind) {
  const now = state.marks.get(id) === kind ? null : kind;
  if (now) state.marks.set(id, now); else state.marks.delete(id);
  for (const div of document.querySelectorAll(`.card[data-id="${CSS.escape(id)}"]`)) {
    div.classList.toggle('relevant', now === 'relevant');
    div.classList.toggle('irrelevant', now === 'irrelevant');
    for (const kind of ['relevant', 'irrelevant']) {
      const b = div.querySelector('.mark-' + kind);
      b.classList.toggle('on', now === kind);
      b.setAttribute('aria-pressed', String(now === kind));
    }
  }
  updateToolbar();
}

async function browse(offset) {
  const seq = ++state.seq;
  const fromFilters = takeApplying();
  const hadFocus = !focusLost();
  showError('');
  offset = Math.max(0, offset);
  const p = filterParams();
  const filters = filterSummary(p);
  p.set('offset', offset);
  p.set('limit', PAGE);
  try {
    const page = await api('api/patches?' + p);
    if (seq !== state.seq) return;
    showListing('browse', offset);
    const grid = $('grid');
    grid.classList.remove('pairs');
    page.patches.forEach((patch) => grid.appendChild(card(patch, null)));
    showNotes(grid, page.patches.length, page.total ? 'No patch on this page' : 'No patch matches the filters', page.notes);
    setStatus((page.total
      ? `Archive: ${page.total.toLocaleString()} ${page.total === 1 ? 'patch matches' : 'patches match'} — click one to search by it`
      : 'Archive: no patch matches the filters') + filters);
    $('query-strip').innerHTML = '';
    $('suggestions').hidden = true;
    showPager(page.total, page.patches.length);
    updateToolbar();
    drawMap([], page.patches);
    setHash('');
    if (fromFilters) bringResultsIntoView(true); // not on a page's first listing, nor a page turned at its foot
    focusResultsIfLost(hadFocus); // a page turned from the keyboard onto the last (or first) disables Next (Previous)
  } catch (e) {
    if (seq !== state.seq) return;
    if (!showFailure(e)) state.rerun = state.shownRerun = null; // Apply filters lists the archive again
  }
}

/**
 * A listing (archive patches or pairs) replaces the list on screen: its state is set only once it has arrived, so that
 * a failed one leaves the list it did not replace usable (its marks, Refine, the exports).
 */
function showListing(mode, offset) {
  state.mode = mode;
  setTitle(mode === 'pairs' ? 'Pairs' : 'Archive');
  state.result = null;
  state.session = null;
  state.offset = offset;
  state.rerun = state.shownRerun = null;
  state.marks.clear();
  $('grid').innerHTML = '';
  $('grid').dataset.resultId = '';
}

/** The pager of a listing (archive patches or pairs); hidden when nothing is listed, as the empty box says why. */
function showPager(total, shown) {
  $('pager').hidden = total === 0;
  $('page-info').textContent = `${state.offset + 1}–${state.offset + shown} of ${total.toLocaleString()}`;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = state.offset + PAGE >= total;
}

/**
 * A new list's top comes into view where the query came from far from it: the sidebar stacked above it on a phone, or
 * Apply filters pressed on a desktop page scrolled down past it.
 */
function bringResultsIntoView(fromFilters) {
  const main = document.querySelector('main');
  const top = main.getBoundingClientRect().top;
  if ((matchMedia('(max-width: 900px)').matches && top > innerHeight / 2) || (fromFilters && top < 0)) {
    main.scrollIntoView({ block: 'start' });
  }
}

/** Whether this query was started by Apply or Clear filters; read once, by the query it started. */
function takeApplying() {
  const applying = state.applying;
  state.applying = false;
  return applying;
}

/** A new search result list: any feedback session belonged to the previous list. how: what made it, for its status line. */
function showResult(result, queryPatches, how = '') {
  state.session = null;
  setTitle('Results for ' + result.examples.map((id) => (id.startsWith('upload:') ? id.slice(7) : id)).join(', '));
  showList(result, result.resultId, queryPatches,
    `${how}${count(result.hits.length, 'result', 'results')} in ${result.tookMs.toFixed(1)} ms`);
  $('suggestions').hidden = true;
}

/** A feedback round: the SVM ranking, its notes, and the images suggested to mark next. */
function showFeedback(round, queryPatches) {
  state.session = round.sessionId;
  setTitle(`Feedback round ${round.round} for ${round.examples.join(', ')}`);
  // the query examples are relevant examples too: the user marked fewer images than the model trains on
  const relevant = `${round.relevant} relevant (the query included)`;
  const model = round.model === 'svm' ? `SVM on ${relevant} / ${round.irrelevant} irrelevant` : `similarity to ${relevant}`;
  showList(round, `${round.sessionId}#${round.round}`, queryPatches,
    `Feedback round ${round.round}: ${count(round.hits.length, 'result', 'results')}, ${model}, ${round.tookMs.toFixed(1)} ms`);
  const strip = $('suggestion-grid');
  strip.innerHTML = '';
  round.suggestions.forEach((patch) => strip.appendChild(card(patch, { rank: null, distance: null, score: null, mark: null })));
  $('suggestions').hidden = round.suggestions.length === 0;
}

/** A query example in the strip above the results: its thumbnail over its id, or the file name of an upload. */
function queryChip(id) {
  const chip = document.createElement('span');
  if (id.startsWith('upload:')) {
    chip.className = 'upload-chip';
    setCut(chip, id.slice(7));
    return chip;
  }
  chip.className = 'query-chip';
  const img = chip.appendChild(document.createElement('img'));
  img.alt = ''; // the id is written under it
  img.title = visible(id);
  setThumb(img, id);
  const text = chip.appendChild(document.createElement('span'));
  text.className = 'id';
  setCut(text, id, true);
  return chip;
}

function showList(result, listId, queryPatches, status) {
  state.mode = 'results';
  state.result = result;
  state.marks.clear();
  state.queryPatches = queryPatches;
  const grid = $('grid');
  grid.innerHTML = '';
  grid.dataset.resultId = listId;
  grid.classList.remove('pairs');
  result.hits.forEach((hit) => grid.appendChild(card(hit.patch, hit)));
  showNotes(grid, result.hits.length, 'No patch matches the query and filters', result.notes);
  setStatus(status);
  const strip = $('query-strip');
  strip.innerHTML = '<span class="muted">Query:</span>';
  result.examples.forEach((id) => strip.appendChild(queryChip(id)));
  if (state.labelled && result.examples.length === 1 && !result.examples[0].startsWith('upload:')) {
    showCaption(strip, result.examples[0], listId);
  }
  $('pager').hidden = true;
  updateToolbar();
  drawMap(queryPatches, result.hits.map((h) => h.patch));
}

/**
 * Adds the query's caption to the strip: its labels as its nearest neighbours vote for them (the query itself not
 * voting), the scores under it on a click, tap, Enter or Space (a <details>: a tooltip is out of reach of touch and
 * keyboard). Dropped when another list is on screen by the time it arrives; a failure stays quiet, the caption being a
 * hint beside the results.
 */
async function showCaption(strip, id, listId) {
  try {
    const c = await api('api/caption?id=' + encodeURIComponent(id));
    if ($('grid').dataset.resultId !== listId) return;
    const details = document.createElement('details');
    details.className = 'caption';
    details.appendChild(document.createElement('summary')).textContent = visible(c.caption);
    details.appendChild(document.createElement('p')).textContent = visible('Labels voted by the ' + c.k + ' nearest patches: ' +
      c.labels.map((l) => l.label + ' ' + l.score.toFixed(2)).join(', ') + '\nStored labels: ' + (c.stored.join(', ') || 'none') + c.notes.map((n) => '\n' + n).join(''));
    strip.appendChild(details);
  } catch (e) {
    // no caption (an index without labels): the results stand alone
  }
}

function updateToolbar() {
  const has = state.mode === 'results';
  const refined = has && Boolean(state.result.sessionId); // a round on screen, not a search whose first Refine failed
  // exports write distances, which a feedback ranking does not have
  $('export-geojson').disabled = !has || refined || !state.georeferenced;
  $('export-csv').disabled = !has || refined;
  $('refine').disabled = !has || state.marks.size === 0 || state.busy > 0;
  // say why rather than grey the buttons out in silence
  const markable = has && state.result.hits.length > 0;
  explain('refine-hint', markable && state.marks.size === 0 ? 'Mark results ✓ or ✗ to refine them.'
    : state.marks.size > 0 && state.busy > 0 ? 'Refine waits for the query on its way.' : '', ['refine']);
  explain('export-hint', refined ? 'A refined ranking has no distances to export: export the search before refining.'
    : has && !state.georeferenced ? 'No patch of this index has a footprint to export as GeoJSON.' : '', ['export-geojson', 'export-csv']);
}

/**
 * Why buttons are disabled, in a hint under them that describes them (a title is out of reach of touch and keyboard,
 * and Tab skips a disabled button), and in the title of those disabled; '' says nothing.
 */
function explain(hint, why, buttons) {
  $(hint).textContent = why;
  buttons.forEach((id) => {
    $(id).title = $(id).disabled ? why : '';
    // an enabled button (CSV on an index without footprints) is not described by why another one is disabled
    if ($(id).disabled && why) $(id).setAttribute('aria-describedby', hint); else $(id).removeAttribute('aria-describedby');
  });
}

/** The buttons that start a query: disabled while one runs, so that a double click sends it once. */
const QUERY_BUTTONS = ['search-ids', 'search-upload', 'search-change', 'search-change-upload'];

function setBusy(change) {
  state.busy += change;
  QUERY_BUTTONS.forEach((id) => { $(id).disabled = state.busy > 0; });
  // a mark made now would go with the list the running query replaces, unasked
  document.querySelectorAll('.marks button').forEach((b) => { b.disabled = state.busy > 0; });
  updateToolbar();
}

/** Keyboard focus lost with what held it (a clicked card, now gone; a button, now disabled) rather than moved on. */
function focusLost() {
  const focused = document.activeElement;
  // one in a section now hidden (a suggested card) keeps focus until the browser moves it to <body>
  return !focused || focused === document.body || focused.disabled || focused.getClientRects().length === 0;
}

/**
 * A new list took keyboard focus from what held it (a card now gone, a button now disabled): the results take it, and
 * come into view, so that keyboard users are not dropped to <body> at the foot of the page.
 */
function focusResultsIfLost(hadFocus) {
  if (hadFocus && focusLost()) $('results').focus();
}

/**
 * Runs a query and shows its result. ask(params) asks the API with the filters and k as params. Options: show (the
 * renderer, showResult by default); again(params), which Apply filters calls once the list is shown to ask for the
 * same list (without repeating what ask changed, such as marks); keepList, to leave the list on screen on an error;
 * hash, the query's URL hash ('' for none) where it changes the query named there.
 * A response that a later request has overtaken is dropped, so the last click is what stays on screen.
 */
async function run(what, ask, queryPatches, options = {}) {
  const { show = showResult, again = ask, keepList = false, hash } = options;
  const fromFilters = takeApplying();
  let params;
  try {
    params = searchParams();
  } catch (e) { // a wrong Results field: nothing is asked, the list on screen stays, and the field takes focus to be fixed
    showError(e.message);
    $('k').focus();
    return;
  }
  const seq = ++state.seq;
  const hadFocus = !focusLost();
  const filters = filterSummary(params); // before ask adds its own parameters (ids, a pair)
  showError('');
  $('status').textContent = visible(what) + '…';
  const asked = ask(params);
  // the list on screen's, while a failure may leave it there (not a query still running, which may never be shown)
  const previous = state.shownRerun;
  // Apply filters while this runs asks this query again with the new filters, not the list it is replacing; once
  // this request is answered, so that 'again' (a feedback round's GET) cannot overtake its POST of the marks. If it
  // fails and leaves the list on screen, that list is asked again (a failed first Refine has no session to ask).
  const kept = asked.then(() => false, (e) => keepsList(e, keepList));
  state.rerun = () => kept.then((stays) => {
    if (!stays) run(what, again, Promise.resolve(queryPatches).catch(() => []), { show, again, keepList, hash });
    else if (previous) previous();
    else browse(0);
  });
  setBusy(1);
  try {
    const [result, patches] = await Promise.all([asked, queryPatches]);
    if (seq !== state.seq) return;
    show(result, patches);
    setStatus(state.listStatus + filters);
    if (hash !== undefined) setHash(typeof hash === 'function' ? hash(result) : hash);
    bringResultsIntoView(fromFilters);
    focusResultsIfLost(hadFocus);
    // a re-run keeps what this run keeps on an error (a feedback round keeps its session and marks)
    state.rerun = state.shownRerun = () => run(what, again, patches, { show, again, keepList, hash });
  } catch (e) {
    if (seq !== state.seq) return;
    if (showFailure(e, keepList)) {
      state.rerun = previous;
    } else {
      if (typeof hash === 'string') setHash(hash); // a hash made from the answer has none to be made from
      // the failed query is what is on screen now: once the filters are fixed, Apply runs it again
      state.rerun = state.shownRerun = () => run(what, again, Promise.resolve(queryPatches).catch(() => []),
        { show, again, hash });
    }
    // the error is read out (role=alert), and Tab goes on from it
    if (hadFocus && focusLost()) $('error').focus();
  } finally {
    setBusy(-1);
  }
}

/** A search by one or several stored patches; their ids go into the id field and the URL. */
function searchByIds(ids) {
  $('query-ids').value = ids.join(', ');
  const patches = Promise.all(ids.map((id) => api('api/patch?id=' + encodeURIComponent(id)).catch(() => null)));
  run('Searching', (p) => { ids.forEach((id) => p.append('id', id)); return api('api/search?' + p); },
    patches.then((found) => found.filter(Boolean)), { hash: idsHash(ids) });
}

function searchFromField() {
  const ids = $('query-ids').value.split(',').map((id) => id.trim()).filter(Boolean);
  if (!ids.length) { showError('Type a patch id, or several separated by commas.'); return; }
  if (discardMarks('search by ' + ids.join(', '))) searchByIds(ids);
}

/** The files are read when chosen: Apply filters sends them again, even if the input has changed since. */
function searchUpload() {
  const files = $('upload').files;
  if (!files.length) { showError('Choose one or more image files first.'); return; }
  if (!discardMarks('search by the uploaded image(s)')) return;
  const form = new FormData();
  for (const f of files) form.append('image', f);
  run('Uploading', (p) => api('api/search/upload?' + p, { method: 'POST', body: form }), [], { hash: '' });
}

function postJson(path, body) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * Lists from archive examples refine through a feedback session (SVM + suggestions), started from the list's
 * examples on the first Refine; lists from uploads, which a session cannot hold, through /api/feedback/refine.
 */
function refine() {
  if (!state.result || state.marks.size === 0) return;
  const relevant = [...state.marks].filter(([, k]) => k === 'relevant').map(([id]) => id);
  const irrelevant = [...state.marks].filter(([, k]) => k === 'irrelevant').map(([id]) => id);
  const list = state.result;
  if (list.examples.some((id) => id.startsWith('upload:'))) {
    // refining the same list with the same marks is repeatable, so Apply filters simply asks again
    const marked = list.hits.filter((h) => relevant.includes(h.id)).map((h) => h.patch);
    const how = `Refined with ${relevant.length} relevant / ${irrelevant.length} irrelevant: `;
    run('Refining', (p) => postJson('api/feedback/refine?' + p, { resultId: list.resultId, relevant, irrelevant }),
      state.queryPatches.concat(marked), { show: (result, patches) => showResult(result, patches, how), keepList: true });
    return;
  }
  const round = async (p) => {
    let sid = state.session;
    if (!sid) {
      sid = (await postJson('api/feedback/sessions?' + p, { query: list.examples })).sessionId;
      // kept at once: if the marks fail, the next Refine goes on in this session instead of starting another
      if (state.result === list) state.session = sid;
    }
    try {
      return await postJson(sessionPath(sid) + '/marks?' + p, { relevant, irrelevant });
    } catch (e) {
      if (!sessionGone(e)) throw e;
      if (state.result === list) state.session = null; // the next Refine starts a new one
      throw new Error('This feedback session is gone from the server (deleted meanwhile): press Refine again to start'
        + " a new one from this list's examples with your marks.");
    }
  };
  // Apply filters shows the session's current round again; posting the marks twice would add a round. The session
  // goes into the URL (a new history entry on the first Refine, so Back shows the list before it): a reload shows
  // its current round rather than the unrefined list
  run('Refining', round, state.queryPatches, { show: showFeedback, again: (p) => api(sessionPath(state.session) + '?' + p),
    keepList: true, hash: (shown) => sessionHash(shown.sessionId) });
}

/** A feedback session's current round, as a link or reload names it; its query strip once the round says its examples. */
function openSession(sid) {
  // a name the API could not have given; '.' and '..' would also be read as path steps by the browser
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(sid)) {
    showQueryError(`No feedback session is called '${sid}': session names are 1-100 letters, digits, '.', '_' or '-',`
      + ' starting with a letter or digit.');
    return;
  }
  let answered;
  const asked = new Promise((resolve) => { answered = resolve; });
  const patches = asked.then((round) => Promise.all(round.examples.map((id) =>
    api('api/patch?id=' + encodeURIComponent(id)).catch(() => null)))).then((found) => found.filter(Boolean), () => []);
  run('Opening feedback session ' + sid, (p) => {
    const round = api(sessionPath(sid) + '?' + p).catch((e) => {
      throw sessionGone(e) ? new Error(`The feedback session '${sid}' is not on this server (deleted, or kept by another`
        + ' server); search again to start one.') : e;
    });
    answered(round);
    return round;
  }, patches, { show: (round, shown) => { $('query-ids').value = round.examples.join(', '); showFeedback(round, shown); },
    hash: sessionHash(sid) });
}

/** A bi-temporal pair: before and after thumbnails; a click finds the pairs that changed alike. */
function pairCard(before, after, hit) {
  const div = document.createElement('div');
  div.className = 'card pair';
  div.dataset.before = before.id;
  div.dataset.after = after.id;
  const thumbs = document.createElement('div');
  thumbs.className = 'pair-thumbs';
  for (const patch of [before, after]) {
    const img = document.createElement('img');
    img.className = 'thumb';
    img.loading = 'lazy';
    setThumb(img, patch.id);
    img.alt = visible(patch.id);
    actsAsButton(img, 'find places that changed like ' + before.id + ' → ' + after.id, () => changeByIds(before.id, after.id),
      (patch === before ? 'before: ' : 'after: ') + patch.id);
    thumbs.appendChild(img);
  }
  div.appendChild(thumbs);
  const meta = document.createElement('div');
  meta.className = 'meta';
  const date = (p) => (p.acquired ? p.acquired.slice(0, 10) : 'no date');
  meta.innerHTML = '<div class="id"></div><div class="num"><span class="rank"></span><span class="distance"></span></div>' +
    '<div class="num"><span class="dates"></span><button class="map" type="button"></button></div><div class="labels"></div>';
  const afterImg = thumbs.lastChild;
  const mapButton = meta.querySelector('.map');
  const pair = '?before=' + encodeURIComponent(before.id) + '&after=' + encodeURIComponent(after.id);
  const map = {
    url: 'api/change-map.png' + pair, figures: 'api/change-map.json' + pair, describe: changeFigures,
    id: after.id, of: before.id + ' → ' + after.id, label: 'change map', what: 'Change map',
    alt: 'pixels that changed from ' + before.id + ' to ' + after.id + ', tinted red',
  };
  labelMapButton(mapButton, map.label, map);
  mapButton.addEventListener('click', (e) => toggleMap(e.currentTarget, afterImg, map));
  setCut(meta.querySelector('.id'), before.id + ' → ' + after.id, true);
  meta.querySelector('.dates').textContent = date(before) + ' → ' + date(after);
  setCut(meta.querySelector('.labels'), after.labels.join(' · ') || (state.labelled ? 'no labels' : ''));
  if (hit) {
    meta.querySelector('.rank').textContent = '#' + hit.rank;
    meta.querySelector('.distance').textContent = 'd = ' + hit.distance.toPrecision(4);
  }
  div.appendChild(meta);
  return div;
}

/**
 * A map button's text, and its name, which starts with it ('LAI map of ID'), so that what a voice command says is what
 * is seen. The name says what a press does ('thumbnail of ID' while the map shows), so no aria-pressed contradicts it.
 */
function labelMapButton(button, text, map) {
  button.textContent = text;
  button.setAttribute('aria-label', visible(text + ' of ' + map.of));
}

/**
 * Swaps a thumbnail for a map computed by the API (a pair's per-pixel change map, changed pixels tinted red; a patch's
 * leaf area index) and back; a patch that cannot be mapped (not a Sentinel-2 patch folder, or a pair not on one grid)
 * shows the API's error instead. A map that arrives after its card left the screen is dropped.
 * map: { url, figures (its figures' URL) and describe (their lead sentence, see showMapFigures), id (the thumbnail's
 * patch), of (what is mapped, for the button's name), label (the button's text), what (for errors), alt }.
 */
async function toggleMap(button, img, map) {
  if (img.dataset.map) {
    img.parentNode.querySelector('.map-note')?.remove();
    URL.revokeObjectURL(img.src);
    setThumb(img, map.id);
    img.alt = visible(map.id);
    nameThumb(img);
    delete img.dataset.map;
    labelMapButton(button, map.label, map);
    return;
  }
  const hadFocus = document.activeElement === button;
  button.disabled = true;
  labelMapButton(button, 'mapping…', map);
  try {
    const response = await request(map.url);
    if (!img.isConnected) return;
    if (!response.ok) {
      showError(map.what + ': ' + await errorOf(response));
      labelMapButton(button, map.label, map);
      return;
    }
    const blob = await response.blob();
    if (!img.isConnected) return;
    img.onerror = null; // a thumbnail's, for its own failure
    img.src = URL.createObjectURL(blob);
    img.alt = visible(map.alt);
    nameThumb(img, map.alt);
    img.dataset.map = 'shown';
    showError(''); // an earlier map's error no longer stands beside this one's success
    labelMapButton(button, 'thumbnail', map);
    showMapFigures(img, map);
  } catch (e) {
    if (img.isConnected) {
      showError(map.what + ': ' + e.message);
      labelMapButton(button, map.label, map);
    }
  } finally {
    button.disabled = false;
    // disabled while it asked, it lost keyboard focus to <body>
    if (hadFocus && focusLost()) button.focus();
  }
}

/**
 * Under a shown map: its figures in a sentence (map.describe) and the server's notes on how it was made; nothing if
 * the figures cannot be had, the map says enough.
 */
async function showMapFigures(img, map) {
  const figures = await api(map.figures).catch(() => null);
  if (!figures || !img.isConnected || !img.dataset.map || img.parentNode.querySelector('.map-note')) return;
  const p = document.createElement('p');
  p.className = 'map-note';
  p.textContent = visible(sentences([map.describe(figures)].concat(figures.notes)));
  img.after(p);
}

/** An LAI map's mean and share of pixels with a value, and why others have none (notes: angles, a product of no platform SNAP has networks for). */
function laiFigures(figures) {
  const lai = figures.variables.LAI;
  const parts = [typeof lai.mean === 'number'
    ? `mean LAI ${lai.mean.toFixed(2)} ${lai.unit} over ${Math.round(100 * lai.valid)} % of the pixels` : 'no LAI value'];
  // why the other pixels have none: no data (outside the swath), or reflectances the networks were not trained on
  if (figures.noData) parts.push(`${count(figures.noData, 'pixel', 'pixels')} without data`);
  if (figures.outOfDomain) parts.push(`${count(figures.outOfDomain, 'pixel', 'pixels')} outside the networks' range`);
  return parts.join('; ');
}

/**
 * A change map's changed share of the pixels with data and its threshold, as deq change-map prints them (notes: no
 * data, a cloudy date, dates backwards).
 */
function changeFigures(figures) {
  return `${(100 * figures.changedFraction).toFixed(2)} % of ${count(figures.pixels - figures.noDataPixels, 'pixel', 'pixels')}` +
    ` changed (magnitude above ${figures.threshold.toFixed(4)})`;
}

async function browsePairs(offset) {
  const seq = ++state.seq;
  takeApplying(); // pairs take no filters
  const hadFocus = !focusLost();
  showError('');
  offset = Math.max(0, offset);
  try {
    const page = await api(`api/change/pairs?offset=${offset}&limit=${PAGE}`);
    if (seq !== state.seq) return;
    showListing('pairs', offset); // pairs take no filters: Apply filters shows the archive
    const grid = $('grid');
    grid.classList.add('pairs');
    page.pairs.forEach((pair) => grid.appendChild(pairCard(pair.before, pair.after, null)));
    showNotes(grid, page.pairs.length, page.total ? 'No pair on this page' : 'No pairs: the index holds no place seen at two dates');
    setStatus(count(page.total, 'bi-temporal pair', 'bi-temporal pairs') + (page.total ? ' — click one to find places that changed alike' : ''));
    $('query-strip').innerHTML = '';
    $('suggestions').hidden = true;
    showPager(page.total, page.pairs.length);
    updateToolbar();
    drawMap([], page.pairs.map((p) => p.after));
    setHash('#pairs'); // Back from a change query started here comes back to the pairs
    bringResultsIntoView(false);
    focusResultsIfLost(hadFocus);
  } catch (e) {
    if (seq !== state.seq) return;
    if (!showFailure(e)) state.rerun = state.shownRerun = null; // Apply filters lists the archive again
  }
}

/** Change results: the query pair in the strip, the nearest changes as pair cards. */
function showChange(result, queryPatches) {
  state.mode = 'change';
  setTitle(`Changes like ${result.before} → ${result.after}`);
  state.result = null;
  state.session = null;
  state.marks.clear();
  const grid = $('grid');
  grid.innerHTML = '';
  grid.dataset.resultId = 'change:' + result.before + '>' + result.after;
  grid.classList.add('pairs');
  result.hits.forEach((hit) => grid.appendChild(pairCard(hit.before, hit.after, hit)));
  // the filters are blamed only when some are set: else the notes say why (the only pair is the query's own)
  const filtered = [...filterParams()].length > 0;
  showNotes(grid, result.hits.length, filtered ? 'No pair changed like the query within the filters' : 'No pair changed like the query',
    result.notes);
  setStatus(`${count(result.hits.length, 'changed pair', 'changed pairs')} of ${result.pairs.toLocaleString()} in ${result.tookMs.toFixed(1)} ms`);
  const strip = $('query-strip');
  strip.innerHTML = '<span class="muted">Change:</span>';
  strip.appendChild(queryChip(result.before));
  strip.appendChild(document.createTextNode('→'));
  strip.appendChild(queryChip(result.after));
  $('suggestions').hidden = true;
  $('pager').hidden = true;
  updateToolbar();
  drawMap(queryPatches, result.hits.map((h) => h.after));
}

function changeByIds(before, after) {
  $('before-id').value = before;
  $('after-id').value = after;
  const ask = (p) => {
    p.set('before', before);
    p.set('after', after);
    return api('api/change?' + p);
  };
  run('Searching changes', ask, api('api/patch?id=' + encodeURIComponent(after)).then((q) => [q]).catch(() => []),
    { show: showChange, hash: `#before=${hashId(before)}&after=${hashId(after)}` });
}

function changeFromInputs() {
  const before = $('before-id').value.trim(), after = $('after-id').value.trim();
  if (!before || !after) { showError('Give a before and an after patch id, or pick a pair from "Browse pairs".'); return; }
  if (!discardMarks(`find places that changed like ${before} → ${after}`)) return;
  changeByIds(before, after);
}

function changeUpload() {
  const before = $('before-file').files[0], after = $('after-file').files[0];
  if (!before || !after) { showError('Choose a before file and an after file first.'); return; }
  if (!discardMarks('find places that changed like the uploaded pair')) return;
  const form = new FormData();
  form.append('before', before);
  form.append('after', after);
  run('Uploading', (p) => api('api/change/upload?' + p, { method: 'POST', body: form }), [], { show: showChange, hash: '' });
}

/**
 * Downloads the list on screen as GeoJSON or CSV through fetch, so that a failure (a list the server no longer keeps)
 * shows in the error box instead of replacing the page with the API's JSON.
 */
async function exportResult(format) {
  if (!state.result) return;
  try {
    const response = await request(`api/results/${state.result.resultId}/export.${format}`);
    if (!response.ok) throw new Error(await errorOf(response));
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    download(await response.blob(), name ? name[1] : 'deq-results.' + format);
    showError('');
  } catch (e) {
    showError(`${format === 'csv' ? 'CSV' : 'GeoJSON'} export: ${e.message}`);
  }
}

function download(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000); // after the browser has started saving it
}

/** Footprints on a plain lon/lat canvas: a graticule, the query in red, the results in blue. */
function drawMap(queries, results) {
  const canvas = $('map');
  const g = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height;
  g.clearRect(0, 0, W, H);
  const boxes = queries.concat(results).filter((p) => p && p.bbox);
  g.fillStyle = '#66717d';
  g.font = '11px system-ui, sans-serif';
  if (!boxes.length) { g.fillText('no georeferenced footprints', 10, H / 2); return; }
  // a box across the antimeridian has its east edge west of its west edge (RFC 7946): drawn past 180°
  const east = (b) => (b[2] < b[0] ? b[2] + 360 : b[2]);
  let [x0, y0, x1, y1] = [180, 90, -180, -90];
  for (const p of boxes) {
    x0 = Math.min(x0, p.bbox[0]); y0 = Math.min(y0, p.bbox[1]); x1 = Math.max(x1, east(p.bbox)); y1 = Math.max(y1, p.bbox[3]);
  }
  const pad = Math.max(x1 - x0, y1 - y0, 0.01) * 0.1;
  x0 -= pad; y0 -= pad; x1 += pad; y1 += pad;
  const scale = Math.min((W - 40) / (x1 - x0), (H - 24) / (y1 - y0));
  const ox = 34 + ((W - 40) - (x1 - x0) * scale) / 2, oy = 4 + ((H - 24) - (y1 - y0) * scale) / 2;
  const px = (lon) => ox + (lon - x0) * scale, py = (lat) => oy + (y1 - lat) * scale;
  const step = niceStep(Math.max(x1 - x0, y1 - y0) / 4);
  // as many decimals as the grid step needs, so that ticks 0.001° apart read apart
  const decimals = Math.min(6, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  g.strokeStyle = '#cfd8e2';
  g.lineWidth = 1;
  for (let lon = Math.ceil(x0 / step) * step; lon <= x1; lon += step) {
    g.beginPath(); g.moveTo(px(lon), py(y0)); g.lineTo(px(lon), py(y1)); g.stroke();
    const text = lon.toFixed(decimals) + '°';
    g.fillText(text, Math.min(px(lon) - 12, W - g.measureText(text).width - 2), H - 4);
  }
  for (let lat = Math.ceil(y0 / step) * step; lat <= y1; lat += step) {
    g.beginPath(); g.moveTo(px(x0), py(lat)); g.lineTo(px(x1), py(lat)); g.stroke();
    g.fillText(lat.toFixed(decimals) + '°', 2, py(lat) + 4);
  }
  const rect = (b, colour, width) => {
    g.strokeStyle = colour; g.lineWidth = width;
    g.strokeRect(px(b[0]), py(b[3]), Math.max(2, (east(b) - b[0]) * scale), Math.max(2, (b[3] - b[1]) * scale));
  };
  results.filter((p) => p.bbox).forEach((p) => rect(p.bbox, '#1f6feb', 1.5));
  queries.filter((p) => p && p.bbox).forEach((p) => rect(p.bbox, '#cf222e', 2.5));
}

function niceStep(raw) {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

function clearFilters() {
  if (!discardMarks('clear the filters')) return;
  for (const s of [$('labels-any'), $('labels-all')]) Array.from(s.options).forEach((o) => { o.selected = false; });
  ['from', 'to', 'bbox'].forEach((id) => { $(id).value = ''; });
  document.querySelectorAll('input[name=season], input[name=exclude-flag]').forEach((c) => { c.checked = false; });
  showFiltered();
}

/** Filters apply to what is on screen: the query (search, upload, refinement, feedback round, change) run again, or the archive. */
function showFiltered() {
  state.applying = true;
  if (state.rerun) state.rerun(); else browse(0);
}

function applyFilters() {
  if (discardMarks('apply the filters')) showFiltered();
}

$('skip').addEventListener('click', (e) => {
  e.preventDefault(); // the URL's hash names the query on screen
  $('results').focus();
});
$('search-ids').addEventListener('click', searchFromField);
$('search-upload').addEventListener('click', searchUpload);
$('apply-filters').addEventListener('click', applyFilters);
$('clear-filters').addEventListener('click', clearFilters);
$('browse').addEventListener('click', () => discardMarks('browse the archive') && browse(0));
$('refine').addEventListener('click', refine);
$('export-geojson').addEventListener('click', () => exportResult('geojson'));
$('export-csv').addEventListener('click', () => exportResult('csv'));
$('search-change').addEventListener('click', changeFromInputs);
$('browse-pairs').addEventListener('click', () => discardMarks('browse the pairs') && browsePairs(0));
$('search-change-upload').addEventListener('click', changeUpload);
/** Enter in a text field presses its section's button (nothing while that is disabled, as a query runs). */
function onEnter(ids, button) {
  for (const id of ids) {
    $(id).addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.isComposing) { e.preventDefault(); $(button).click(); }
    });
  }
}
$('k').addEventListener('input', () => { if (!resultsError()) markResultsInvalid(false); });
onEnter(['query-ids'], 'search-ids');
onEnter(['bbox', 'from', 'to', 'k'], 'apply-filters');
onEnter(['before-id', 'after-id'], 'search-change');
// the pager pages whichever listing is on screen: archive patches or pairs
$('prev').addEventListener('click', () => (state.mode === 'pairs' ? browsePairs : browse)(state.offset - PAGE));
$('next').addEventListener('click', () => (state.mode === 'pairs' ? browsePairs : browse)(state.offset + PAGE));
if (history.state && Number.isInteger(history.state.entry)) state.entry = history.state.entry; // a reload
else history.replaceState({ entry: state.entry }, '');
window.addEventListener('popstate', historyMoved);
// leaving or reloading the page over pending marks asks first, as an action that replaces the list does (the browser's
// own words: a page may not write its own question here)
window.addEventListener('beforeunload', (e) => {
  if (state.marks.size) {
    e.preventDefault();
    e.returnValue = '';
  }
});
checkPairs();
loadStats().catch((e) => showError(e.message)).then(runHash);
