
var _zoomSize = 16;
function doZoom(size){ _zoomSize = size; var el = document.getElementById('zoom'); if(el){ el.style.fontSize = size + 'px'; } }
function showDate(){ var d = new Date(); var w = ['日','一','二','三','四','五','六'];
  document.getElementById('today').innerHTML = d.getFullYear() + '年' + (d.getMonth()+1) + '月' + d.getDate() + '日 星期' + w[d.getDay()]; }
function goFriend(sel){ if(sel.value){ window.open(sel.value); sel.selectedIndex = 0; } }
function shareTo(type){ var url = encodeURIComponent(location.href), title = encodeURIComponent(document.title);
  if(type === 'weibo'){ window.open('https://service.weibo.com/share/share.php?url=' + url + '&title=' + title); }
  else if(type === 'qzone'){ window.open('https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=' + url + '&title=' + title); }
  else { alert('请使用微信“扫一扫”分享本页'); } }
var wza = {
  scale: 1, contrastOn: false, bigCursor: false,
  open: function(){ document.getElementById('wza-toolbar').style.display = 'block'; document.body.style.paddingTop = '48px'; },
  close: function(){ this.reset(); document.getElementById('wza-toolbar').style.display = 'none'; document.body.style.paddingTop = '0'; },
  zoomIn: function(){ this.scale = Math.min(this.scale + 0.1, 2); document.body.style.zoom = this.scale; },
  zoomOut: function(){ this.scale = Math.max(this.scale - 0.1, 1); document.body.style.zoom = this.scale; },
  contrast: function(){ this.contrastOn = !this.contrastOn; document.body.style.filter = this.contrastOn ? 'contrast(1.6)' : ''; },
  cursor: function(){ this.bigCursor = !this.bigCursor; document.body.style.cursor = this.bigCursor ? 'url(/images/cursor_big.cur), auto' : ''; },
  guide: function(){ var g = document.getElementById('wza-guide'); if(g){ g.parentNode.removeChild(g); return; }
    g = document.createElement('div'); g.id = 'wza-guide'; g.style.cssText = 'position:fixed;left:0;right:0;height:2px;background:red;z-index:9998';
    document.body.appendChild(g); document.onmousemove = function(e){ g.style.top = e.clientY + 'px'; }; },
  read: function(){ alert('指读功能需要开启声音'); },
  reset: function(){ this.scale = 1; this.contrastOn = false; this.bigCursor = false; document.body.style.zoom = 1;
    document.body.style.filter = ''; document.body.style.cursor = ''; }
};
(function(){ var links = document.getElementsByTagName('a');
  for (var i = 0; i < links.length; i++) { if (links[i].href.indexOf('/wza/') > -1) { links[i].onclick = function(){ wza.open(); return false; }; } } })();
var _hmt = _hmt || [];
(function(){ var hm = document.createElement('script'); hm.src = '/js/stat.js?site=4401120001';
  var s = document.getElementsByTagName('script')[0]; s.parentNode.insertBefore(hm, s); })();
window.onload = function(){ showDate(); };
