// Just enough DOM for search.js's UI code: elements with attributes,
// children, text, listeners, focus, and the two selectors it uses
// (`tag` and `tag[name=value]`). Not a browser: no layout, no parsing.
class FakeNode {
  constructor(document, tag) {
    this.ownerDocument = document;
    this.tagName = tag.toUpperCase();
    this.attributes = {};
    this.children = [];
    this.parentNode = null;
    this.listeners = {};
    this.text = '';
    this.html = null;
  }
  setAttribute(name, value) {
    this.attributes[name] = String(value);
    if (['id', 'type', 'name', 'value', 'href'].includes(name)) this[name] = String(value);
  }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  get nextSibling() {
    const siblings = this.parentNode ? this.parentNode.children : [];
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  appendChild(child) { return this.insertBefore(child, null); }
  insertBefore(child, before) {
    if (child.parentNode) child.parentNode.children.splice(child.parentNode.children.indexOf(child), 1);
    child.parentNode = this;
    const at = before ? this.children.indexOf(before) : -1;
    if (at < 0) this.children.push(child); else this.children.splice(at, 0, child);
    return child;
  }
  set textContent(value) { this.children = []; this.text = String(value); this.html = null; }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(''); }
  set innerHTML(value) { this.children = []; this.html = String(value); this.text = ''; }
  get innerHTML() { return this.html || ''; }
  addEventListener(type, fn) { (this.listeners[type] || (this.listeners[type] = [])).push(fn); }
  dispatch(type, props = {}) {
    const event = { type, target: this, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }, ...props };
    for (let node = props.target || this; node; node = node.parentNode) {
      (node.listeners[type] || []).forEach((fn) => fn(event));
    }
    return event;
  }
  focus() { this.ownerDocument.activeElement = this; }
  *walk() { for (const c of this.children) { yield c; yield* c.walk(); } }
  querySelectorAll(selector) {
    const m = /^(\w+)(?:\[(\w+)=([^\]]+)\])?$/.exec(selector);
    return [...this.walk()].filter((n) =>
      n.tagName === m[1].toUpperCase() && (!m[2] || n.getAttribute(m[2]) === m[3]));
  }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
}

class FakeText extends FakeNode {
  constructor(document, text) { super(document, '#text'); this.text = text; }
}

/** A document holding `<form id=search-form role=search><input id=search-input name=q></form>`. */
export function searchPage() {
  const document = {
    readyState: 'complete',
    activeElement: null,
    currentScript: null,
    createElement: (tag) => new FakeNode(document, tag),
    createTextNode: (text) => new FakeText(document, text),
    getElementById: (id) => [...document.body.walk()].find((n) => n.id === id) || null,
    addEventListener() {},
  };
  document.body = new FakeNode(document, 'body');
  document.head = new FakeNode(document, 'head');
  const form = document.createElement('form');
  form.setAttribute('id', 'search-form');
  form.setAttribute('role', 'search');
  const input = document.createElement('input');
  input.setAttribute('id', 'search-input');
  input.setAttribute('name', 'q');
  input.value = '';
  form.appendChild(input);
  document.body.appendChild(form);
  return { document, form, input };
}
