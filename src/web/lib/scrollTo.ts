// Brings a place on the page into view, focuses it and flashes it, so a person sees where a
// warning points. Targets get tabIndex -1 when they are not focusable themselves.
export function revealElement(id: string, { focus = true, flash = true }: { focus?: boolean; flash?: boolean } = {}): boolean {
  const el = document.getElementById(id);
  if (!el) return false;
  el.scrollIntoView({ block: 'center', behavior: prefersReducedMotion() ? 'auto' : 'smooth' });
  if (focus) {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus({ preventScroll: true });
  }
  if (!flash) return true;
  el.classList.remove('flash');
  // Restart the animation even when the same place is revealed twice in a row.
  void el.offsetWidth;
  el.classList.add('flash');
  return true;
}

/** Scrolls a line into the middle of its own scrolling pane without moving the page. */
export function revealInPane(id: string): boolean {
  const el = document.getElementById(id);
  const pane = el?.closest<HTMLElement>('[data-scroll-pane]');
  if (!el || !pane) return false;
  pane.scrollTop = el.offsetTop - pane.offsetTop - pane.clientHeight / 2 + el.clientHeight / 2;
  el.classList.remove('flash');
  void el.offsetWidth;
  el.classList.add('flash');
  return true;
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
