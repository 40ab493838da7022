// wagtail-localize 1.14.5's translation editor writes two strings in English without gettext:
// a screen-reader label "More actions" and the heading "<source> to <target> translation".
(() => {
  const editor = document.querySelector('.js-translation-editor');
  if (!editor || typeof window.gettext !== 'function') return;
  const heading = /^(.+) to (.+) translation$/;
  const fix = () => {
    editor.querySelectorAll('.w-sr-only').forEach((el) => {
      if (el.textContent === 'More actions') el.textContent = window.gettext('More actions');
    });
    editor.querySelectorAll('h2, h3, [title]').forEach((el) => {
      const title = el.getAttribute('title');
      if (title && heading.test(title)) el.setAttribute('title', title.replace(heading, '$1から$2への翻訳'));
      if (el.children.length === 0 && heading.test(el.textContent)) {
        el.textContent = el.textContent.replace(heading, '$1から$2への翻訳');
      }
    });
  };
  new MutationObserver(fix).observe(editor, { childList: true, subtree: true, characterData: true });
  fix();
})();
