// The Print button of the admission letter (a file, not inline: the CSP allows only our own scripts).
document.getElementById('print-letter')?.addEventListener('click', () => window.print());
