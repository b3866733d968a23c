/**
 * For tests: a strict little XML reader (no DOM in the Node test environment). It checks what makes
 * a file well-formed — one root, tags balanced and properly nested, attribute values quoted and
 * unique per element, `<` never in text or values, `&` only as a predefined or numeric entity —
 * and throws with the offset of the first problem; otherwise it returns the element tree.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Text directly inside (entities decoded). */
  text: string;
}

const NAME = /^[A-Za-z_:][\w:.-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e]!;
  });
}

function checkText(s: string, at: number): void {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<') throw new Error(`'<' in text or value at ${at + i}`);
    if (s[i] === '&' && !ENTITY.test(s.slice(i))) throw new Error(`bare '&' at ${at + i}`);
  }
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${i}: ${JSON.stringify(source.slice(i, i + 40))}`);
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i])) i++;
  };
  if (source.startsWith('<?xml')) {
    const end = source.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < source.length) {
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
      continue;
    }
    if (source[i] !== '<') {
      const next = source.indexOf('<', i);
      const chunk = source.slice(i, next < 0 ? source.length : next);
      if (stack.length === 0 && chunk.trim() !== '') fail('text outside the root');
      checkText(chunk, i);
      if (stack.length) stack[stack.length - 1].text += decode(chunk);
      i = next < 0 ? source.length : next;
      continue;
    }
    if (source[i + 1] === '/') {
      i += 2;
      const name = NAME.exec(source.slice(i))?.[0] ?? fail('closing tag without a name');
      i += name.length;
      skipSpace();
      if (source[i] !== '>') fail('bad closing tag');
      i++;
      const open = stack.pop();
      if (!open || open.name !== name) fail(`</${name}> does not close <${open?.name ?? 'nothing'}>`);
      continue;
    }
    i++;
    const name = NAME.exec(source.slice(i))?.[0] ?? fail('tag without a name');
    i += name.length;
    const attrs: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith('/>', i) || source[i] === '>') break;
      if (i === before) fail('attributes must be separated by space');
      const attr = NAME.exec(source.slice(i))?.[0] ?? fail('bad attribute name');
      i += attr.length;
      if (source[i] !== '=') fail('attribute without =');
      i++;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('unquoted attribute value');
      const end = source.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute value');
      const raw = source.slice(i + 1, end);
      checkText(raw, i + 1);
      if (attr in attrs) fail(`duplicate attribute ${attr}`);
      attrs[attr] = decode(raw);
      i = end + 1;
    }
    const element: XmlElement = { name, attrs, children: [], text: '' };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else if (root) fail('a second root element');
    else root = element;
    if (source.startsWith('/>', i)) i += 2;
    else {
      i++;
      stack.push(element);
    }
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element under (and including) `root` named `name`, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The text of every <text> element. */
export function texts(root: XmlElement): string[] {
  return findAll(root, 'text').map((t) => t.text);
}

/** `points="x,y x,y"` as numbers [x0, y0, x1, y1, …]. */
export function pointsOf(e: XmlElement): number[] {
  return (e.attrs.points ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((p) => p.split(',').map(Number));
}
