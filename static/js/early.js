// Runs before the page is drawn (not deferred): marks that JavaScript is on, so the stylesheet can
// fold the phone menu from the first paint instead of after a flash of the full navigation.
document.documentElement.classList.add("js");
