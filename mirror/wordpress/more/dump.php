<?php
// Dumps only the posts of this set for every installed theme into $ESS_WP_DIR/cases-more/<theme>/<case>.{html,rest.json,expected.json},
// then switches back to the theme active before. Run: php dump.php
$_SERVER['HTTP_HOST'] = '127.0.0.1:8088'; $_SERVER['SERVER_NAME'] = '127.0.0.1'; $_SERVER['REQUEST_URI'] = '/';
require (getenv('ESS_WP_DIR') ?: '/tmp/ess-wordpress') . '/wp/wp-load.php';
$cases = require __DIR__ . '/cases.php';
$ids = json_decode(file_get_contents((getenv('ESS_WP_DIR') ?: '/tmp/ess-wordpress') . '/ids-more.json'), true);
$before = get_stylesheet();
function fetch($url) { $o = shell_exec('curl -s --noproxy 127.0.0.1 --max-time 60 ' . escapeshellarg($url)); if (!$o) { fwrite(STDERR, "fetch failed $url\n"); exit(1); } return $o; }
function norm($s) { $s = html_entity_decode($s, ENT_QUOTES | ENT_HTML5, 'UTF-8'); if (class_exists('Normalizer')) $s = Normalizer::normalize($s, Normalizer::FORM_C);
  return trim(preg_replace('/[\s\x{00A0}\x{202F}]+/u', ' ', $s)); }
function nfc_tree($v) { if (is_array($v)) return array_map('nfc_tree', $v); if (is_string($v) && class_exists('Normalizer')) return Normalizer::normalize($v, Normalizer::FORM_C); return $v; }
$rest = array();
foreach ($cases as $k=>$c) $rest[$k] = fetch("http://127.0.0.1:8088/wp-json/wp/v2/posts/{$ids[$k]}");
$themes = array_keys(wp_get_themes()); sort($themes);
$summary = array();
foreach ($themes as $theme) {
  switch_theme($theme);
  $dir = (getenv('ESS_WP_DIR') ?: '/tmp/ess-wordpress') . "/cases-more/$theme"; @mkdir($dir, 0777, true);
  foreach ($cases as $k=>$c) {
    $id = $ids[$k]; $url = get_permalink($id);
    $html = fetch($url);
    if (strpos($html, 'wp-block-post-content') === false && strpos($html, 'entry-content') === false) fwrite(STDERR, "$theme $k: no content?\n");
    file_put_contents("$dir/$k.html", $html);
    file_put_contents("$dir/$k.rest.json", $rest[$k]);
    $rj = json_decode($rest[$k], true);
    $title = norm($rj['title']['rendered']);
    $x = $c['x'];
    if (!$x['interview']) $e = array('interview'=>false, 'url'=>$url, 'title'=>$title);
    else {
      $pub = substr($rj['date'], 0, 10); $mod = substr($rj['modified'], 0, 10);
      $ts = strtotime($rj['modified']);
      $forms = array($mod, date_i18n('j F Y', $ts), date_i18n('d/m/Y', $ts), date_i18n(get_option('date_format'), $ts));
      $nh = norm($html); $seen = false;
      foreach ($forms as $f) if (stripos($html, $f) !== false || stripos($nh, $f) !== false) $seen = true;
      $e = array('interview'=>true, 'url'=>$url, 'id'=>$id, 'title'=>$title,
        'interviewee'=>$x['interviewee'], 'role'=>$x['role'], 'organisation'=>$x['organisation'],
        'published'=>$pub, 'modified'=>$mod);
      if (!$seen) $e['not_on_page'] = array('modified');
      $e['intro'] = $x['intro']; $e['outro'] = $x['outro']; $e['qa'] = array();
      foreach ($x['qa'] as $i=>$qa) $e['qa'][] = array('n'=>$i+1, 'question'=>$qa[0], 'answer'=>$qa[1]);
    }
    file_put_contents("$dir/$k.expected.json", json_encode(nfc_tree($e), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . "\n");
    $summary[$theme][$k] = $url . ($seen ?? false ? '' : '');
  }
}
switch_theme($before);
echo "restored: ", get_stylesheet(), "\n";
echo json_encode($summary, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
