// Drag-and-drop onto the drop zone, and a progress bar while a large file
// is sent. Without this script the plain form still works.
(function () {
  var form = document.getElementById('upload-form');
  var drop = document.getElementById('drop');
  var input = document.getElementById('file');
  var label = document.getElementById('file-name');
  var bar = document.getElementById('progress');
  if (!form || !drop || !input) return;
  function show() { if (input.files.length) label.textContent = '已选择：' + input.files[0].name; }
  input.addEventListener('change', show);
  ['dragenter', 'dragover'].forEach(function (e) {
    drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (e) {
    drop.addEventListener(e, function (ev) { ev.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (ev) {
    if (ev.dataTransfer && ev.dataTransfer.files.length) { input.files = ev.dataTransfer.files; show(); }
  });
  form.addEventListener('submit', function (ev) {
    if (!window.XMLHttpRequest || !window.FormData) return;
    ev.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    bar.hidden = false;
    xhr.upload.onprogress = function (p) { if (p.lengthComputable) bar.value = Math.round(p.loaded * 100 / p.total); };
    xhr.onload = function () {
      if (xhr.status < 400 && xhr.responseURL) { window.location.assign(xhr.responseURL); return; }
      document.open(); document.write(xhr.responseText); document.close();
    };
    xhr.onerror = function () { bar.hidden = true; alert('网络中断，报告未提交，请重试'); };
    xhr.send(new FormData(form));
  });
})();
