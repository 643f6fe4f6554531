/* Hides questions whose data-relevant tree is false, as expressions/evaluate.py does. */
(function () {
  'use strict';
  const isNum = (v) => typeof v === 'number';
  const isStr = (v) => typeof v === 'string';
  const all = (list) => Array.from(list);

  // '', [] and unknown kinds are empty (null); lists keep their strings.
  function norm(v) {
    if (typeof v === 'boolean' || isNum(v)) return v;
    if (isStr(v)) return v === '' ? null : v;
    if (Array.isArray(v)) {
      v = v.filter(isStr);
      return v.length ? v : null;
    }
    return null;
  }

  const truthy = (v) => ![null, false, 0].includes(norm(v));

  function equal(a, b) {
    if (isNum(a) && isNum(b)) return a === b;
    if (Array.isArray(a) && Array.isArray(b)) {
      const x = new Set(a), y = new Set(b);
      return x.size === y.size && a.every((i) => y.has(i));
    }
    return typeof a === typeof b && a === b;
  }

  // Python orders strings by code point; JavaScript's < compares UTF-16 units.
  function cmp(a, b) {
    if (isStr(a)) {
      const x = Array.from(a), y = Array.from(b);
      let i = 0;
      while (i < x.length && i < y.length && x[i] === y[i]) i++;
      a = i < x.length ? x[i].codePointAt(0) : -1;
      b = i < y.length ? y[i].codePointAt(0) : -1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  const ORDER = { '<': [-1], '<=': [-1, 0], '>': [1], '>=': [1, 0] };
  const MATH = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b,
    '/': (a, b) => a / b };

  function arith(op, a, b) {
    if (!isNum(a) || !isNum(b) || (op === '/' && b === 0) || !MATH[op]) return null;
    return isFinite((a = MATH[op](a, b))) ? a : null;
  }

  function binary(op, a, b) {
    if (op === '=') return equal(a, b);
    if (op === '!=') return !equal(a, b);
    const same = (isNum(a) && isNum(b)) || (isStr(a) && isStr(b));
    if (ORDER[op]) return same && ORDER[op].includes(cmp(a, b));
    return arith(op, a, b);
  }

  // Arguments come unevaluated: if() runs only the branch it takes.
  const FUNCTIONS = {
    selected: (val, [x, c]) => {
      const a = val(x), v = val(c);
      return Array.isArray(a) ? a.includes(v) : isStr(a) && a === v;
    },
    count_selected: (val, [x]) => {
      const a = val(x);
      return Array.isArray(a) ? a.length : isStr(a) ? 1 : 0;
    },
    if: (val, [c, a, b]) => (truthy(val(c)) ? val(a) : val(b)),
    empty: (val, [x]) => val(x) === null,
  };

  // get(name) gives the raw answer to question `name`.
  function evaluate(tree, get, current) {
    const val = (n) => {
      switch (n[0]) {
        case 'lit': return norm(n[1]);
        case 'ref': return norm(get(n[1]));
        case 'cur': return norm(current);
        case 'un': return n[1] === 'not' ? !truthy(val(n[2])) : arith('-', 0, val(n[2]));
        case 'bin':
          if (n[1] === 'and') return truthy(val(n[2])) && truthy(val(n[3]));
          if (n[1] === 'or') return truthy(val(n[2])) || truthy(val(n[3]));
          return binary(n[1], val(n[2]), val(n[3]));
        case 'call':
          return Object.hasOwn(FUNCTIONS, n[1]) ? FUNCTIONS[n[1]](val, n[2]) : null;
      }
      return null;
    };
    return val(tree);
  }

  function read(el, v) {
    v = v.trim();
    if (v === '' || (el.type !== 'number' && !('number' in el.dataset))) return v;
    return isFinite((v = Number(v))) ? v : null;
  }

  function valueOf(form, name) {
    const named = all(form.elements).filter((e) => e.name === name);
    if (!named.length) return undefined;
    const els = named.filter((e) => !e.disabled), e = els[0], on = els.filter((x) => x.checked);
    if (!e) return null;
    if (e.type === 'radio') return on.length ? read(on[0], on[0].value) : null;
    if (e.type === 'checkbox') return on.map((x) => x.value);
    if (e.multiple) return all(e.selectedOptions).map((o) => o.value);
    return read(e, e.value);
  }

  // A repeat's value is its number of rows with an answer.
  const filled = (e) => !e.disabled && e.type !== 'hidden' &&
    (e.type === 'radio' || e.type === 'checkbox' ? e.checked : e.value.trim() !== '');
  const countRows = (repeat) => all(repeat.querySelectorAll('[data-row]'))
    .filter((row) => all(row.querySelectorAll('input,select,textarea')).some(filled)).length;

  const lookup = (form, row) => (name) => {
    let v = row ? valueOf(form, row.dataset.prefix + name) : undefined;
    if (v === undefined) v = valueOf(form, name);
    if (v !== undefined) return v;
    const r = all(form.querySelectorAll('[data-repeat]')).find((x) => x.dataset.repeat === name);
    return r ? countRows(r) : null;
  };

  function update(form, rules) {
    // Hidden answers count as unanswered for later questions: repeat until settled.
    for (let pass = 0, changed = true; changed && pass <= rules.length; pass++) {
      changed = false;
      for (const r of rules) {
        const show = r.tree === null || truthy(evaluate(r.tree, lookup(form, r.row)));
        if (show === r.el.hidden) { r.el.hidden = !show; changed = true; }
      }
      for (const e of form.elements) e.disabled = !!e.closest('[data-relevant][hidden]');
    }
  }

  if (typeof document !== 'undefined') {
    for (const form of document.querySelectorAll('form.questionnaire')) {
      const rules = all(form.querySelectorAll('[data-relevant]')).map((el) => {
        let tree = null;
        try { tree = JSON.parse(el.dataset.relevant); } catch (e) { /* unreadable: show it */ }
        return { el, tree, row: el.parentElement.closest('[data-row]') };
      });
      const again = () => update(form, rules);
      form.addEventListener('input', again);
      form.addEventListener('change', again);
      again();
    }
  }

  if (typeof module !== 'undefined' && module.exports) {
    module.exports = {
      truthy,
      evaluate: (tree, answers, current) =>
        evaluate(tree, (name) => (Object.hasOwn(answers, name) ? answers[name] : null), current),
    };
  }
})();
