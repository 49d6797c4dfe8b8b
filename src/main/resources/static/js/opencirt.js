// Sends the CSRF token with every htmx request, so that htmx forms and buttons pass Spring Security.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// Asks before submitting a form marked data-confirm (deletes): the CSP forbids inline onsubmit handlers.
document.addEventListener('submit', function (event) {
  var message = event.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// After htmx has changed the address (live search, filters), the language links follow it, so that switching
// language keeps the search: the same address with only lang replaced.
document.addEventListener('htmx:pushedIntoHistory', function () {
  document.querySelectorAll('a[data-lang]').forEach(function (link) {
    var url = new URL(window.location.href);
    url.searchParams.set('lang', link.getAttribute('data-lang'));
    link.setAttribute('href', url.pathname + url.search);
  });
});
