<?php
// Adds 10 invented posts (8 interviews, 2 look-alikes) + 3 image attachments to the running site. Run: php add.php
$_SERVER['HTTP_HOST'] = '127.0.0.1:8088'; $_SERVER['SERVER_NAME'] = '127.0.0.1'; $_SERVER['REQUEST_URI'] = '/';
require (getenv('ESS_WP_DIR') ?: '/tmp/ess-wordpress') . '/wp/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
wp_set_current_user(1); kses_remove_filters();
$cases = require __DIR__ . '/cases.php';
$idfile = (getenv('ESS_WP_DIR') ?: '/tmp/ess-wordpress') . '/ids-more.json';
// re-runnable: remove what a previous run added
if (file_exists($idfile)) { $old = json_decode(file_get_contents($idfile), true);
  foreach ($old as $k=>$id) { if ($id && get_post($id)) wp_delete_post($id, true); } }
$ids = array();
// attachments
$imgs = array(array('grenier-atelier', array(46,125,50)), array('ferment-cuves', array(191,120,40)), array('autopartage-hasparren', array(30,90,160)));
$att = array(); $urls = array();
foreach ($imgs as $i=>$im) {
  $g = imagecreatetruecolor(600, 400); imagefill($g, 0, 0, imagecolorallocate($g, $im[1][0], $im[1][1], $im[1][2]));
  ob_start(); imagejpeg($g, null, 80); $bytes = ob_get_clean();
  $up = wp_upload_bits($im[0] . '.jpg', null, $bytes, '2024/01');
  if (!empty($up['error'])) { fwrite(STDERR, "upload: {$up['error']}\n"); exit(1); }
  $aid = wp_insert_attachment(array('post_mime_type'=>'image/jpeg', 'post_title'=>$im[0], 'post_status'=>'inherit', 'guid'=>$up['url'],
    'post_date'=>'2024-01-10 09:00:00', 'post_date_gmt'=>get_gmt_from_date('2024-01-10 09:00:00')), $up['file']);
  wp_update_attachment_metadata($aid, wp_generate_attachment_metadata($aid, $up['file']));
  $att[$i+1] = $aid; $urls[$i+1] = $up['url']; $ids['att'.($i+1)] = $aid;
}
$authors = array('claire'=>get_user_by('login','claire')->ID, 'redaction'=>get_user_by('login','redaction')->ID);
$commenters = array(array('Lucie Caradec', 'Merci, ça donne envie de passer voir le lieu !'),
                    array('Hervé', 'Est-ce que vous cherchez encore des bénévoles pour le samedi ?'));
foreach ($cases as $key=>$c) {
  $cat_ids = array();
  foreach ($c['cats'] as $cn) { $t = term_exists($cn, 'category'); if (!$t) $t = wp_insert_term($cn, 'category'); $cat_ids[] = (int)$t['term_id']; }
  $content = rtrim(file_get_contents(__DIR__ . "/posts/$key.html"), "\n");
  foreach ($att as $n=>$aid) $content = str_replace(array("ATT$n", "URL$n"), array($aid, $urls[$n]), $content);
  $id = wp_insert_post(wp_slash(array(
    'post_title'=>$c['title'], 'post_name'=>$c['slug'], 'post_content'=>$content, 'post_status'=>'publish',
    'post_type'=>'post', 'post_author'=>$authors[$c['author']], 'post_date'=>$c['date'], 'post_date_gmt'=>get_gmt_from_date($c['date']),
    'post_category'=>$cat_ids, 'tags_input'=>$c['tags'], 'comment_status'=>'open')), true);
  if (is_wp_error($id)) { fwrite(STDERR, "$key: ".$id->get_error_message()."\n"); exit(1); }
  $wpdb->update($wpdb->posts, array('post_modified'=>$c['modified'], 'post_modified_gmt'=>get_gmt_from_date($c['modified'])), array('ID'=>$id));
  clean_post_cache($id);
  $ids[$key] = $id;
  for ($i = 0; $i < $c['comments']; $i++) {
    $d = date('Y-m-d H:i:s', strtotime($c['date']) + 86400 * (2 + $i) + 3600 * 3);
    wp_insert_comment(array('comment_post_ID'=>$id, 'comment_author'=>$commenters[$i][0], 'comment_author_email'=>'lecteur27-'.$i.'@example.invalid',
      'comment_content'=>$commenters[$i][1], 'comment_approved'=>1, 'comment_date'=>$d, 'comment_date_gmt'=>get_gmt_from_date($d)));
  }
}
// gallery attachments belong to the brewery post (k2)
foreach ($att as $aid) $wpdb->update($wpdb->posts, array('post_parent'=>$ids['k2']), array('ID'=>$aid));
foreach ($att as $aid) clean_post_cache($aid);
file_put_contents($idfile, json_encode($ids, JSON_PRETTY_PRINT) . "\n");
echo json_encode($ids), "\n";
