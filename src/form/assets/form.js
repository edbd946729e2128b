// Leadline contact form: progressive enhancement of <form data-leadline>. Without this script the
// form posts as plain HTML and the service answers with a page; with it, the form posts JSON with
// fetch, shows the service's messages next to the fields and thanks the visitor in place. Every
// message comes from the service (problem+json) or from the form's data-msg-* attributes, so the
// script holds no text of its own and works on any site that embeds the form.
(function () {
  'use strict'

  function newKey () {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID()
    var bytes = new Uint8Array(16)
    window.crypto.getRandomValues(bytes)
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2) }).join('')
  }

  function fillContext (form) {
    function set (name, value) {
      var input = form.elements.namedItem(name)
      if (input && !input.value && value) input.value = value
    }
    var here = window.location
    if (here.protocol === 'http:' || here.protocol === 'https:') set('pageUrl', here.href)
    if (/^https?:/.test(document.referrer)) set('referrer', document.referrer)
    var query = new URLSearchParams(here.search)
    ;['source', 'medium', 'campaign', 'term', 'content'].forEach(function (part) {
      set('utm' + part.charAt(0).toUpperCase() + part.slice(1), query.get('utm_' + part))
    })
  }

  function enhance (form) {
    var button = form.querySelector('.ll-submit')
    var summary = form.querySelector('.ll-summary')
    var success = form.querySelector('.ll-success')
    var fields = form.querySelector('.ll-fields')
    var buttonText = button.textContent
    var sending = false
    var colon = form.lang === 'fr' ? ' : ' : ': '
    // One Idempotency-Key per distinct body: a retry of the same request is recognised by the
    // service, while a corrected request is a new one.
    var sent = { body: null, key: null }

    fillContext(form)

    function control (name) {
      var el = form.elements.namedItem(name)
      return el && el.type !== 'hidden' && el.id ? el : null
    }

    function describe (el, errorId, on) {
      var ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (x) { return x && x !== errorId })
      if (on) ids.push(errorId)
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '))
      else el.removeAttribute('aria-describedby')
    }

    function clearErrors () {
      summary.textContent = ''
      Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (el) {
        el.removeAttribute('aria-invalid')
        var box = el.closest('.ll-field')
        if (box) box.classList.remove('ll-invalid')
        var error = document.getElementById(el.id + '-error')
        if (error) { error.textContent = ''; describe(el, error.id, false) }
      })
    }

    function showProblem (title, detail, errors) {
      var head = document.createElement('p')
      if (title) {
        var strong = document.createElement('strong')
        strong.textContent = title
        head.appendChild(strong)
        head.appendChild(document.createTextNode(' '))
      }
      head.appendChild(document.createTextNode(detail || ''))
      summary.appendChild(head)
      var first = null
      if (errors.length) {
        var intro = document.createElement('p')
        intro.textContent = form.dataset.msgFix
        var list = document.createElement('ul')
        errors.forEach(function (e) {
          var el = control(e.field)
          var item = document.createElement('li')
          if (el) {
            el.setAttribute('aria-invalid', 'true')
            el.closest('.ll-field').classList.add('ll-invalid')
            var error = document.getElementById(el.id + '-error')
            error.textContent = e.message
            describe(el, error.id, true)
            var link = document.createElement('a')
            link.href = '#' + el.id
            link.textContent = form.querySelector('label[for="' + el.id + '"]').firstChild.textContent.trim()
            item.appendChild(link)
            item.appendChild(document.createTextNode(colon + e.message))
            if (!first) first = el
          } else {
            item.textContent = e.field + colon + e.message
          }
          list.appendChild(item)
        })
        summary.appendChild(intro)
        summary.appendChild(list)
      }
      // The summary is a live region (role=alert): it is announced; focus goes where to start fixing.
      ;(first || summary).focus()
    }

    function showThanks () {
      var title = document.createElement('strong')
      title.textContent = form.dataset.msgThanksTitle
      success.appendChild(title)
      success.appendChild(document.createTextNode(' ' + form.dataset.msgThanksBody))
      fields.hidden = true
      success.focus()
    }

    function done () {
      sending = false
      button.disabled = false
      button.textContent = buttonText
      form.removeAttribute('aria-busy')
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault()
      if (sending) return
      sending = true
      button.disabled = true
      button.textContent = form.dataset.msgSending
      form.setAttribute('aria-busy', 'true')
      clearErrors()

      var data = {}
      new FormData(form).forEach(function (value, name) { data[name] = value })
      var body = JSON.stringify(data)
      if (body !== sent.body) sent = { body: body, key: newKey() }

      fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': sent.key },
        body: body,
        credentials: 'omit'
      }).then(function (res) {
        if (res.ok) { sending = false; form.removeAttribute('aria-busy'); showThanks(); return }
        return res.json().catch(function () { return {} }).then(function (problem) {
          done()
          showProblem(problem.title, problem.detail, Array.isArray(problem.errors) ? problem.errors : [])
        })
      }, function () {
        done()
        showProblem('', form.dataset.msgNetwork, [])
      })
    })
  }

  function start () {
    Array.prototype.forEach.call(document.querySelectorAll('form[data-leadline]'), enhance)
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
})()
