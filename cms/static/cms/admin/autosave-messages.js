// After a successful autosave the page is saved: a red "could not be saved" message left from the
// last manual save would contradict the header's 保存済み, so it goes (warnings and successes stay).
document.addEventListener('w-autosave:success', () => {
  document.querySelectorAll('.messages li.error').forEach((item) => item.remove());
});
