'use strict';
// The visitor's page: a client of the server's visitor API (/visitor) and movie search (/movies).
const $ = id => document.getElementById(id);
const sources = {
  popularity: 'Popular movies: like a few you enjoy and the suggestions will follow your taste.',
  content: 'From the movies’ descriptions: titles close to the ones you liked. Like a few more to hear from people with similar taste.',
  hybrid: 'From people with similar taste and the movies’ descriptions together.',
  'fold-in': 'From people whose taste is like yours.',
  model: 'From people whose taste is like yours.',
};
let visitor = { ratings: [], topGenres: [] };
let suggestions = [];
let results = null;

async function api(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let detail = `The server answered ${response.status}.`;
    try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(detail);
  }
  return response.status === 204 ? null : response.json();
}

function opinionOf(movieId) {
  const rating = visitor.ratings.find(r => r.movieId === movieId);
  return rating ? rating.opinion : null;
}

function hidden(text) {
  const span = document.createElement('span');
  span.className = 'visually-hidden';
  span.textContent = text;
  return span;
}

function button(label, title, className, pressed) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.append(label, hidden(` ${title}`));
  if (pressed !== undefined) b.setAttribute('aria-pressed', String(pressed));
  return b;
}

function card(movie, list, index) {
  const item = document.createElement('li');
  item.className = 'card';
  item.dataset.id = movie.movieId;
  const title = document.createElement('h3');
  title.className = 'title';
  title.textContent = movie.title;
  item.append(title);
  if (movie.reason) {
    const reason = document.createElement('p');
    reason.className = 'reason';
    reason.textContent = movie.reason.charAt(0).toUpperCase() + movie.reason.slice(1) + '.';
    item.append(reason);
  }
  const opinion = opinionOf(movie.movieId);
  const actions = document.createElement('div');
  actions.className = 'actions';
  const like = button('Like', movie.title, 'like', opinion === 'like');
  const dislike = button('Not for me', movie.title, 'dislike', opinion === 'dislike');
  like.addEventListener('click', () => toggle(movie, 'like', list, index));
  dislike.addEventListener('click', () => toggle(movie, 'dislike', list, index));
  actions.append(like, dislike);
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.append('Details', hidden(` of ${movie.title}`));
  const genres = document.createElement('p');
  genres.textContent = movie.genres.length ? movie.genres.join(', ') : 'No genre listed';
  details.append(summary, genres);
  if (movie.description) {
    const text = document.createElement('p');
    text.textContent = movie.description;
    details.append(text);
  }
  item.append(actions, details);
  return item;
}

function renderCards(listId, movies) {
  $(listId).replaceChildren(...movies.map((m, i) => card(m, listId, i)));
}

function renderVisitor() {
  const likes = visitor.ratings.filter(r => r.opinion !== 'dislike');
  const dislikes = visitor.ratings.filter(r => r.opinion === 'dislike');
  for (const [listId, items, emptyId] of [['likes', likes, 'likes-empty'], ['dislikes', dislikes, 'dislikes-empty']]) {
    $(emptyId).hidden = items.length > 0;
    $(listId).replaceChildren(...items.map((r, i) => {
      const li = document.createElement('li');
      li.dataset.id = r.movieId;
      const name = document.createElement('span');
      name.textContent = r.opinion === 'rated' ? `${r.title} (rated ${r.rating})` : r.title;
      const undo = button('Undo', r.title, 'undo');
      undo.addEventListener('click', () => undoRating(r, listId, i));
      li.append(name, undo);
      return li;
    }));
  }
  const top = visitor.topGenres;
  $('genres-empty').hidden = top.length > 0;
  const most = top.length ? top[0].count : 1;
  $('genres').replaceChildren(...top.map(g => {
    const li = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = g.genre;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = `${Math.max(4, Math.round(100 * g.count / most))}%`;
    bar.setAttribute('aria-hidden', 'true');
    const count = document.createElement('span');
    count.className = 'count';
    count.append(String(g.count), hidden(g.count === 1 ? ' liked movie' : ' liked movies'));
    li.append(name, bar, count);
    return li;
  }));
  $('reset').hidden = visitor.ratings.length === 0;
}

async function refresh() {
  const [state, list] = await Promise.all([api('GET', '/visitor'), api('GET', '/visitor/suggestions?count=10')]);
  visitor = state;
  suggestions = list.movies;
  $('source').textContent = sources[list.source] || '';
  $('source').dataset.source = list.source;
  renderCards('suggestions', suggestions);
  if (results) renderCards('search-results', results);
  renderVisitor();
}

// After an action, focus lands on the same place in the list that changed, or on its heading when it is empty.
function focusIn(listId, index, selector, fallbackId) {
  const items = $(listId).querySelectorAll(selector);
  const target = items[Math.min(index, items.length - 1)];
  (target || $(fallbackId)).focus();
}

async function run(action, message) {
  $('error').textContent = '';
  try {
    await action();
    await refresh();
    if (message) $('message').textContent = message;
    return true;
  } catch (e) {
    $('error').textContent = e.message;
    return false;
  }
}

async function toggle(movie, opinion, listId, index) {
  const current = opinionOf(movie.movieId);
  const undo = current === opinion;
  const done = await run(
    () => undo ? api('DELETE', `/visitor/ratings/${movie.movieId}`) : api('PUT', `/visitor/ratings/${movie.movieId}`, { opinion }),
    undo ? `Took back “${movie.title}”.` : opinion === 'like' ? `Liked “${movie.title}”.` : `“${movie.title}” will not be suggested again.`);
  if (!done) return;
  if (listId === 'suggestions') focusIn('suggestions', index, 'button.like', 'suggestions-heading');
  else focusIn(listId, index, `button.${opinion}`, 'search-heading');
}

async function undoRating(rating, listId, index) {
  if (await run(() => api('DELETE', `/visitor/ratings/${rating.movieId}`), `Took back “${rating.title}”.`)) {
    focusIn(listId, index, 'button.undo', 'likes-heading');
  }
}

$('search-form').addEventListener('submit', async event => {
  event.preventDefault();
  const text = $('search').value.trim();
  $('error').textContent = '';
  if (!text) {
    results = null;
    $('search-results').replaceChildren();
    $('search-status').textContent = 'Type part of a title.';
    return;
  }
  try {
    const found = await api('GET', `/movies?search=${encodeURIComponent(text)}`);
    results = found.map(m => ({ ...m, reason: null }));
    renderCards('search-results', results);
    $('search-status').textContent = found.length === 0 ? `No title contains “${text}”.`
      : found.length === 20 ? `The first 20 titles containing “${text}”; type more to narrow.` : `${found.length} titles contain “${text}”.`;
  } catch (e) {
    $('error').textContent = e.message;
  }
});

$('reset').addEventListener('click', async () => {
  if (await run(() => api('DELETE', '/visitor/ratings'), 'Started over: your likes and dislikes are gone.')) $('search').focus();
});

refresh().catch(e => { $('error').textContent = e.message; });
