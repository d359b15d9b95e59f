// @ts-check
// Small DOM helpers: elements built with textContent only (nothing from the API is ever parsed as HTML).

/**
 * @template {Element} T
 * @param {string} selector
 * @param {{ new (): T }} [type]
 * @returns {T}
 */
export function $(selector, type) {
  const found = document.querySelector(selector);
  if (!found || (type && !(found instanceof type))) throw new Error(`the page has no ${selector}`);
  return /** @type {T} */ (found);
}

/** @param {string} selector @returns {HTMLInputElement} */
export const input = (selector) => $(selector, HTMLInputElement);

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {...(Node | string | null)} children
 * @returns {HTMLElement}
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/**
 * A button that runs `action` when pressed; it is disabled while the action runs.
 * @param {string} label
 * @param {() => Promise<void> | void} action
 * @param {Record<string, string>} [attributes]
 * @returns {HTMLButtonElement}
 */
export function button(label, action, attributes = {}) {
  const b = /** @type {HTMLButtonElement} */ (el('button', { type: 'button', ...attributes }, label));
  b.addEventListener('click', () => {
    b.disabled = true;
    void Promise.resolve()
      .then(action)
      .finally(() => {
        b.disabled = false;
      });
  });
  return b;
}

/**
 * A table with a caption, header cells and rows (each cell a node or text).
 * @param {string} caption
 * @param {readonly string[]} headings
 * @param {readonly (readonly (Node | string)[])[]} rows
 * @param {string} [empty] what to say when there are no rows
 * @returns {HTMLElement}
 */
export function table(caption, headings, rows, empty = 'None.') {
  if (rows.length === 0) return el('p', { class: 'empty' }, `${caption}: ${empty}`);
  const head = el('tr', {}, ...headings.map((h) => el('th', { scope: 'col' }, h)));
  const body = rows.map((cells) => el('tr', {}, ...cells.map((c) => el('td', {}, c))));
  return el('table', {}, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, ...body));
}

/**
 * Says something in the page's live region (read out by screen readers) and shows it.
 * @param {string} text
 * @param {'ok' | 'error'} [kind]
 */
export function announce(text, kind = 'ok') {
  const message = $('#message');
  message.textContent = text;
  message.className = kind === 'error' ? 'error' : 'ok';
}
