// Progressive enhancement only: every page works without this file.
// The language switch submits itself on change; the button stays for keyboard and no-JS users.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("language-select");
  if (select && select.form) {
    select.addEventListener("change", () => select.form.submit());
  }
});
