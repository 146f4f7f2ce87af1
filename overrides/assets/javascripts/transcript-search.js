/* The transcript search: Pagefind's index of the site, in Material's header search box.
 *
 * Pagefind ranks pages (one per transcript) and splits each page into sections at its
 * headings with an id: the exchanges (#q1, #q2, ...), the opening statement, the closing.
 * Each matching section is one result here, linking to its anchor and showing its heading
 * (for an exchange: "Q7 · questioner, outlet"), the transcript's title and its date.
 * The filters and the date order are Pagefind's, which apply to whole pages; a speaker or
 * outlet filter then also keeps, of each page, only the sections that speaker or outlet
 * takes part in (the page's `sections` metadata, written by the generator).
 *
 * A result's excerpt is the matched words in the turn that has them, under who said them
 * (the page's `sections` metadata counts each turn's words).
 *
 * Past 1,000 transcripts the index is in parts of whole years (pagefind/parts.json): a
 * search reads the newest part first (the oldest for "oldest first"), passes the parts
 * without the filter values chosen, and reads the next part when the reader asks
 * ("Search 2021–2023"), so a first search downloads one part's index, not the archive's.
 *
 * Nothing of Pagefind is downloaded until the reader opens the search. Text from the index
 * goes into the page as text; only Pagefind's excerpts (shown where the turns cannot be
 * counted), which it escapes before marking the matched words, go in as HTML.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-transcript-search]");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  // Script runs: the search may show. Material's bundle says so too; Zensical's leaves "no-js".
  document.documentElement.classList.remove("no-js");

  const form = root.querySelector("form");
  const input = form.elements.query;
  const status = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const more = root.querySelector(".transcript-search__more");
  const controls = root.querySelector(".transcript-search__controls");
  const filterSelects = [...controls.querySelectorAll("select[data-filter]")];
  const order = controls.querySelector("select[data-sort]");
  const siteRoot = new URL(root.dataset.siteRoot, document.baseURI);
  const placeholder = status.textContent;
  const PAGES_AT_ONCE = 5;  // transcripts whose result data is loaded at a time
  const NARROWING = ["speaker", "outlet"];  // filters that also narrow a page to its sections
  const WAIT_MS = 300;  // typing pauses this long before a search
  const EXCERPT_WORDS = 24;  // words of a result's excerpt
  /* Words on nearly every page narrow nothing, and each would cost a reader a large part of
     the index (Pagefind matches every word as a prefix and loads its index chunk): left out
     of a query that has other words. */
  const COMMON = new Set(("a an and are as at be been but by did do does for from had has have he her his i in " +
    "is it its of on or our she that the their them these they this those to was we were with you your").split(" "));

  let loading = null;  // the Pagefind module and the archive's parts, once asked for
  let merged = new Map();  // older parts merged into the search, by path: their promises
  let generation = 0;  // each search's number: an older one still running stops
  let timer = 0;
  let asked = "";  // the last search, with its filters and order: the same one is not run again
  let running = Promise.resolve();  // and its promise

  /* The index comes in parts of whole years, newest first (pagefind/parts.json lists them,
     with every filter's values over the whole archive): the newest is pagefind/ itself,
     each older one is merged in (Pagefind's mergeIndex) when a search first reaches it. */
  function pagefind() {
    if (loading) return loading;
    loading = Promise.all([
      import(new URL("pagefind/pagefind.js", siteRoot).href),
      fetch(new URL("pagefind/parts.json", siteRoot)).then((response) => {
        if (!response.ok) throw new Error(`parts.json: ${response.status}`);
        return response.json();
      }),
    ]).then(async ([module, archive]) => {
      const parts = archive.parts?.length ? archive.parts : [{ name: "", path: "", years: [] }];
      await module.options({ baseUrl: siteRoot.pathname, excerptLength: EXCERPT_WORDS, ...partOf(parts[0], parts) });
      showFilters(archive.filters || {});
      return { module, parts, filters: archive.filters || {} };
    });
    loading.catch(() => { loading = null; });  // asked again, it tries again
    return loading;
  }

  function merge(index, part) {
    if (!part.path) return Promise.resolve();
    if (!merged.has(part.path)) {
      const path = new URL(`pagefind/${part.path}`, siteRoot).pathname;
      const options = { baseUrl: siteRoot.pathname, excerptLength: EXCERPT_WORDS, ...partOf(part, index.parts) };
      merged.set(part.path, index.module.mergeIndex(path, options));
    }
    return merged.get(part.path);
  }

  /* Every page of a part, as Pagefind loads it, has the part's name as its `part` filter:
     a search narrowed to it finds that part's pages alone. */
  function partOf(part, parts) {
    return parts.length > 1 ? { mergeFilter: { part: part.name } } : {};
  }

  /* Filters and order */

  function showFilters(counts) {
    for (const select of filterSelects) {
      const values = Object.entries(counts[select.dataset.filter] || {});
      values.sort(([a], [b]) => select.dataset.filter === "year" ? b.localeCompare(a) : a.localeCompare(b));
      for (const [value, [count]] of values) {
        select.append(new Option(`${value} (${count})`, value));
      }
      select.closest("label").hidden = values.length === 0;
    }
    controls.hidden = false;
  }

  function chosenFilters() {
    const filters = {};
    for (const select of filterSelects) {
      if (select.value) filters[select.dataset.filter] = select.value;
    }
    return filters;
  }

  /* Searching */

  /* What is sent to Pagefind: the words typed, without the common ones, and without a last
     word of one letter still being typed (it would load an index chunk for nothing). */
  function terms(text) {
    const words = text.split(/\s+/).filter(Boolean);
    if (words.length && !/\s$/.test(text) && [...words.at(-1)].length < 2) words.pop();
    const kept = words.filter((word) => !COMMON.has(normal(word)));
    return (kept.length ? kept : words).join(" ");
  }

  /* Search for what the box and the filters say, unless that is the search last run; a
     promise of its results shown. */
  function search() {
    const term = terms(input.value);
    const filters = chosenFilters();
    const key = JSON.stringify([term, filters, order.value]);
    if (key !== asked) {
      asked = key;
      running = run(term, filters);
    }
    return running;
  }

  async function run(term, filters) {
    const mine = ++generation;
    if (!term && !Object.keys(filters).length) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = placeholder;
      return;
    }
    status.textContent = "Searching…";
    let index;
    try {
      index = await pagefind();
    } catch (error) {
      asked = "";
      if (mine === generation) status.textContent = "Search is not available: this copy of the site has no search index.";
      return;
    }
    if (mine !== generation) return;
    // Only the parts that hold every value chosen; the newest first, or the oldest for "oldest first".
    const parts = index.parts.filter((part, i) => Object.entries(filters).every(([key, value]) => has(index, key, value, i)));
    if (order.value === "asc") parts.reverse();
    // What the search has yet to do: its parts still to search, its results not shown yet.
    const search = { index, term, filters, queue: parts, searched: [], pending: [], total: 0 };
    list.replaceChildren();
    await showMore(mine, search, false);
  }

  /* Whether part i has pages with the filter's value (parts.json: [pages, parts as hex bits]). */
  function has(index, key, value, i) {
    const bits = index.filters[key]?.[value]?.[1];
    return index.parts.length === 1 || (bits !== undefined && (BigInt(`0x${bits}`) >> BigInt(i)) % 2n === 1n);
  }

  /* Search the next part: its results join those not shown yet. Each part is searched
     narrowed to its own pages (their `part` filter): Pagefind would rank the merged parts'
     results together, and a part is shown after the one before it. */
  async function searchPart(search) {
    const part = search.queue.shift();
    const { module } = search.index;
    await merge(search.index, part);
    const filters = { ...search.filters, ...partOf(part, search.index.parts).mergeFilter };
    const sort = order.value ? { date: order.value } : undefined;
    const found = await module.search(search.term || null, { filters, sort });
    search.pending.push(...(found?.results || []));
    search.total += found?.results.length || 0;
    search.searched.push(part);
  }

  /* Show the next results: of the part being shown, else of the next part. A search reads
     one part (and the pages it found) before it says nothing matched, so that a first
     search downloads one part's index; asked for more (`onward`), it reads on, part after
     part, until something is found. */
  async function showMore(mine, search, onward) {
    const before = list.childElementCount;
    try {
      do {
        if (!search.pending.length && search.queue.length) await searchPart(search);
        const pages = await Promise.all(search.pending.splice(0, PAGES_AT_ONCE).map((result) => result.data()));
        if (mine !== generation) return;
        for (const page of pages) {
          for (const section of sections(page, search.term, search.filters)) list.append(item(page, section));
        }
      } while (list.childElementCount === before && (search.pending.length || (onward && search.queue.length)));
    } catch (error) {
      if (mine === generation) status.textContent = "Search is not available: a part of the search index could not be read.";
      return;
    }
    if (mine !== generation) return;
    const shown = list.childElementCount;
    const { total, pending, queue } = search;
    const transcripts = plural(total, "transcript") + (queue.length ? ` from ${years(search.searched)}` : "");
    status.textContent = !shown ? `No exchange matches${queue.length ? ` in ${years(search.searched)}` : ""}` :
      pending.length ? `${plural(shown, "result")} from the first ${total - pending.length} of ${transcripts}` :
      `${plural(shown, "result")} in ${transcripts}`;
    more.hidden = !pending.length && !queue.length;
    more.textContent = pending.length ? "Show more" : `Search ${years(queue.slice(0, 1))}`;
    more.onclick = () => {
      const next = list.childElementCount;
      showMore(mine, search, true).then(() => list.children[next]?.querySelector("a")?.focus());
    };
  }

  /* "2021–2024": the years of the parts given. */
  function years(parts) {
    const all = parts.flatMap((part) => part.years);
    if (!all.length) return "the archive";
    const first = Math.min(...all);
    const last = Math.max(...all);
    return first === last ? `${first}` : `${first}–${last}`;
  }

  /* The sections of a page to show. With a search term: those that have as many of its
     words as the best section of the page has (all of them, usually: Pagefind finds pages
     with every word), best first or in page order when sorted by date. Without one: the
     sections the speaker or outlet filter names, or else the page itself. */
  function sections(page, term, filters) {
    const who = parse(page.meta.sections);
    const narrow = NARROWING.filter((key) => filters[key]);
    const takesPart = (id) => narrow.every((key) => (who[id]?.[`${key}s`] || []).includes(filters[key]));
    let found;
    if (term) {
      const scores = rank(page, term);
      const most = Math.max(0, ...scores.map((score) => score[0]));
      found = page.sub_results.map((sub, i) => ({ ...sub, id: sub.anchor?.id, score: scores[i] }))
        .filter((section) => section.score[0] === most);
      if (!order.value) found.sort((a, b) => compare(b.score, a.score));
    } else if (narrow.length) {
      found = page.anchors.filter((anchor) => anchor.id in who)
        .map((anchor) => ({ id: anchor.id, title: anchor.text, url: `${page.url}#${anchor.id}`, excerpt: "" }));
    } else {
      found = [{ title: page.meta.title, url: page.url, excerpt: "" }];
    }
    return narrow.length ? found.filter((section) => takesPart(section.id)) : found;
  }

  /* How well each section of a page matches, to show the best first. Pagefind weighs every
     hit alike ("the" as much as "membership"), so: how many of the query's words the
     section has; those words again, each counting more the fewer sections of the page
     have it; how many hits stand next to another (a phrase); then Pagefind's weights. A hit
     counts for the query word it shares the longest beginning with, at least three letters
     (Pagefind matches stems and prefixes: "strengthening" for "strengthen"). */
  function rank(page, term) {
    const words = (page.content || "").split(/\s+/);
    const query = [...new Set(term.split(/\s+/).map(normal).filter(Boolean))];
    const wordOf = (at) => {
      const word = normal(words[at] || "");
      let best = word;
      let longest = 2;
      for (const wanted of query) {
        let n = 0;
        while (n < wanted.length && wanted[n] === word[n]) n++;
        if (n > longest) [best, longest] = [wanted, n];
      }
      return best;
    };
    const has = page.sub_results.map((sub) => new Set((sub.locations || []).map(wordOf)));
    const sections = new Map();
    for (const set of has) for (const word of set) sections.set(word, (sections.get(word) || 0) + 1);
    return page.sub_results.map((sub, i) => {
      const covered = query.filter((wanted) => has[i].has(wanted)).length;
      const rarity = [...has[i]].reduce((sum, word) => sum + Math.log(1 + has.length / sections.get(word)), 0);
      const hits = new Set(sub.locations || []);
      const adjacent = (sub.locations || []).filter((at) => hits.has(at + 1)).length;
      const weight = (sub.weighted_locations || []).reduce((sum, location) => sum + location.balanced_score, 0);
      return [covered, rarity, adjacent, weight];
    });
  }

  function normal(word) {
    return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  }

  function compare(a, b) {
    return a.reduce((result, value, i) => result || value - b[i], 0);
  }

  function parse(json) {
    try {
      return JSON.parse(json || "{}");
    } catch {
      return {};
    }
  }

  function item(page, section) {
    const title = page.meta.title || "";
    const heading = element("h3", "transcript-search__heading", section.title || title);
    const source = element("p", "transcript-search__source",
      [section.title && section.title !== title ? title : "", page.meta.date].filter(Boolean).join(" · "));
    const article = element("article", "md-search-result__article md-typeset");
    article.append(heading, source);
    const turn = section.excerpt ? spoken(page, section) : null;
    if (turn) {
      const who = element("p", "transcript-search__speaker");
      who.append(element("strong", "", turn.speaker), ` · ${turn.part}`);
      article.append(who, excerpt(page, section, turn));
    } else if (section.excerpt) {
      const excerpt = element("p", "transcript-search__excerpt");
      excerpt.innerHTML = section.excerpt;  // escaped by Pagefind, with <mark> around matches
      article.append(excerpt);
    }
    const link = element("a", "md-search-result__link");
    link.href = section.url;
    link.target = "_self";  // Material's language switch leaves links with a target alone: it would drop the #qN
    link.append(article);
    const li = element("li", "md-search-result__item");
    li.append(link);
    return li;
  }

  /* Who said the words a section matched: the turn (its speaker, part, and first and last
     word in the page's text) with the most of them, counted from the section's heading by
     the words of each turn (the page's `sections` metadata); null where the count does not
     fit the text, and Pagefind's excerpt is shown instead. */
  function spoken(page, section) {
    const turns = parse(page.meta.sections)[section.id]?.turns;
    const hits = section.locations || [];
    if (!turns || !section.anchor || !hits.length) return null;
    let start = section.anchor.location + section.anchor.text.split(/\s+/).filter(Boolean).length;
    let best = null;
    for (const [speaker, part, count] of turns) {
      const found = hits.filter((at) => at >= start && at < start + count).length;
      if (found && (!best || found > best.found)) best = { speaker, part, start, end: start + count, found };
      start += count;
    }
    return best && start <= words(page).length ? best : null;
  }

  function words(page) {
    page.words ??= (page.content || "").split(/[\r\n\s]+/g);
    return page.words;
  }

  /* The matched words in their turn alone, never running on into the heading or another
     speaker's words: about EXCERPT_WORDS around the first of them, each marked. */
  function excerpt(page, section, turn) {
    const all = words(page);
    const hits = new Set(section.locations);
    const first = section.locations.find((at) => at >= turn.start && at < turn.end);
    const to = Math.min(turn.end, Math.max(turn.start, first - Math.floor(EXCERPT_WORDS / 3)) + EXCERPT_WORDS);
    const from = Math.max(turn.start, to - EXCERPT_WORDS);
    const paragraph = element("p", "transcript-search__excerpt");
    if (from > turn.start) paragraph.append("… ");
    for (let at = from; at < to; at++) {
      if (at > from) paragraph.append(" ");
      paragraph.append(hits.has(at) ? element("mark", "", all[at]) : all[at]);
    }
    if (to < turn.end) paragraph.append(" …");
    return paragraph;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function plural(count, noun) {
    return `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;
  }

  /* Opening, closing and the keyboard */

  let opener = null;  // what had the focus before the search opened: it gets it back on Escape
  let quiet = false;  // the input takes the focus back without opening the search again

  function open() {
    if (!toggle.checked) {
      const active = document.activeElement;
      opener = active && active !== document.body && !root.contains(active) ? active : null;
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    input.focus();
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
    input.blur();
  }

  /* Escape: the search closes and the focus goes back where it was before (or to the
     search box, closed), never to the page's body. */
  function dismiss() {
    const back = opener;
    opener = null;
    close();
    if (back?.isConnected) {
      back.focus();
    } else {
      quiet = true;
      input.focus();
      quiet = false;
    }
  }

  /* Tab and Shift+Tab go round what can be focused in the open search panel. */
  function trap(event) {
    const stops = [...root.querySelectorAll("input, select, button, a[href]")]
      .filter((stop) => stop.tabIndex >= 0 && !stop.disabled && stop.getClientRects().length);
    if (!stops.length) return;
    const at = stops.indexOf(document.activeElement);
    if (event.shiftKey ? at <= 0 : at === -1 || at === stops.length - 1) {
      event.preventDefault();
      (event.shiftKey ? stops.at(-1) : stops[0]).focus();
    }
  }

  function links() {
    return [...list.querySelectorAll("a")];
  }

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName));
  }

  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      pagefind().catch(() => {});
      if (document.activeElement !== input) input.focus();
    } else {
      input.blur();
    }
  });

  input.addEventListener("focus", () => quiet || open());
  input.addEventListener("input", () => {
    if (!toggle.checked) open();
    clearTimeout(timer);
    timer = setTimeout(search, WAIT_MS);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    await search();
    const first = links()[0];
    if (first) {
      close();
      window.location.assign(first.href);
    }
  });
  form.addEventListener("reset", () => setTimeout(() => {
    search();
    input.focus();
  }));
  for (const select of [...filterSelects, order]) select.addEventListener("change", search);
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) close();  // a link on this page must not stay under the search
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !typing(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      dismiss();
    } else if (event.key === "Tab") {
      trap(event);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && root.contains(event.target)
               && (event.target === input || event.target.closest(".md-search-result__list"))) {
      const stops = [input, ...links()];
      const at = stops.indexOf(event.target.closest("a") || input);
      const next = stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))];
      event.preventDefault();
      next.focus();
      if (next !== input) next.scrollIntoView({ block: "nearest" });
    }
  });
})();
