<?php
define('WORK', getenv('ESS_WP_DIR') ?: '/tmp/ess-wordpress');
// Switches through every installed theme, fetches each case with curl from 127.0.0.1:8088 and writes
// cases/<theme>/<case>.html, .rest.json and .expected.json.  Run: php dump.php
$_SERVER['HTTP_HOST'] = '127.0.0.1:8088'; $_SERVER['SERVER_NAME'] = '127.0.0.1'; $_SERVER['REQUEST_URI'] = '/';
require WORK . '/wp/wp-load.php';
$cases = require __DIR__ . '/cases.php';
$ids = json_decode(file_get_contents(WORK . '/ids.json'), true);
function fetch($url) { $o = shell_exec('curl -s --noproxy 127.0.0.1 --max-time 60 ' . escapeshellarg($url)); if (!$o) { fwrite(STDERR, "fetch failed $url\n"); exit(1); } return $o; }
function norm($s) { $s = html_entity_decode($s, ENT_QUOTES | ENT_HTML5, 'UTF-8'); if (class_exists('Normalizer')) $s = Normalizer::normalize($s, Normalizer::FORM_C);
  return trim(preg_replace('/[\s\x{00A0}\x{202F}]+/u', ' ', $s)); }
function nfc_tree($v) { if (is_array($v)) return array_map('nfc_tree', $v); if (is_string($v) && class_exists('Normalizer')) return Normalizer::normalize($v, Normalizer::FORM_C); return $v; }
// REST once
$rest = array();
foreach ($ids as $k=>$id) $rest[$k] = fetch("http://127.0.0.1:8088/wp-json/wp/v2/posts/$id");
$themes = array_keys(wp_get_themes());
sort($themes);
$menu = (int) get_option('esswp_menu_id');
$summary = array();
foreach ($themes as $theme) {
  switch_theme($theme);
  set_theme_mod('nav_menu_locations', array('primary'=>$menu, 'footer'=>$menu));
  $dir = WORK . "/cases/$theme"; @mkdir($dir, 0777, true);
  foreach ($cases as $k=>$c) {
    $id = $ids[$k]; $post = get_post($id);
    $url = get_permalink($id);
    $html = fetch($url);
    if (strpos($html, 'wp-block-post-content') === false && strpos($html, 'entry-content') === false) { fwrite(STDERR, "$theme $k: no content?\n"); }
    file_put_contents("$dir/$k.html", $html);
    file_put_contents("$dir/$k.rest.json", $rest[$k]);
    $rj = json_decode($rest[$k], true);
    $title = norm($rj['title']['rendered']);
    $x = $c['x'];
    if (!$x['interview']) { $e = array('interview'=>false, 'url'=>$url, 'title'=>$title); }
    else {
      $pub = substr($post->post_date, 0, 10); $mod = substr($post->post_modified, 0, 10);
      $ts = strtotime($post->post_modified);
      $forms = array($mod, date_i18n('j F Y', $ts), date_i18n('F j, Y', $ts), date_i18n('d/m/Y', $ts), date_i18n(get_option('date_format'), $ts));
      $seen = false; foreach ($forms as $f) if (stripos($html, $f) !== false || stripos(norm($html), $f) !== false) $seen = true;
      $e = array('interview'=>true, 'url'=>$url, 'id'=>$id, 'title'=>$title,
        'interviewee'=>$x['interviewee'], 'role'=>$x['role'], 'organisation'=>$x['organisation'],
        'published'=>$pub, 'modified'=>$seen ? $mod : null);
      if (!$seen) $e['not_on_page'] = array('modified');
      $e['intro'] = $x['intro']; $e['outro'] = $x['outro']; $e['qa'] = array();
      foreach ($x['qa'] as $i=>$qa) $e['qa'][] = array('n'=>$i+1, 'question'=>$qa[0], 'answer'=>$qa[1]);
    }
    file_put_contents("$dir/$k.expected.json", json_encode(nfc_tree($e), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . "\n");
    $summary[$theme][$k] = $url;
  }
}
switch_theme('twentytwentythree');
echo json_encode($summary, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
