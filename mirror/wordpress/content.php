<?php
define('WORK', getenv('ESS_WP_DIR') ?: '/tmp/ess-wordpress');
// Installs WordPress (loopback) and inserts the invented content. Run: php content.php
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1:8088'; $_SERVER['SERVER_NAME'] = '127.0.0.1'; $_SERVER['REQUEST_URI'] = '/';
require WORK . '/wp/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/theme.php';
kses_remove_filters();
$r = wp_install('Réseau Solidaire Test', 'admin', 'admin@example.invalid', false, '', 'admin-esswp-pass', 'fr_FR');
wp_set_current_user(1); kses_remove_filters();
update_option('blogdescription', 'Le carnet de l’économie sociale et solidaire');
update_option('WPLANG', 'fr_FR');
update_option('timezone_string', 'Europe/Paris');
update_option('date_format', 'j F Y');
update_option('time_format', 'G\hi');
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
update_option('siteurl', 'http://127.0.0.1:8088'); update_option('home', 'http://127.0.0.1:8088');
update_option('default_comment_status', 'open');
update_option('comment_moderation', 0); update_option('comments_notify', 0); update_option('moderation_notify', 0);
update_option('blog_public', 0);
update_option('show_avatars', 0);
// remove sample content
foreach (get_posts(array('post_type'=>array('post','page'),'numberposts'=>-1,'post_status'=>'any')) as $p) wp_delete_post($p->ID, true);
foreach (get_comments() as $c) wp_delete_comment($c->comment_ID, true);

$authors = array();
foreach (array('claire'=>array('Claire','Dumas','Claire Dumas'), 'redaction'=>array('Équipe','RST','Équipe de rédaction RST')) as $login=>$n) {
  $uid = wp_insert_user(array('user_login'=>$login, 'user_pass'=>'esswp-'.$login, 'user_email'=>$login.'@example.invalid',
    'first_name'=>$n[0], 'last_name'=>$n[1], 'display_name'=>$n[2], 'nickname'=>$n[2], 'role'=>'author'));
  $authors[$login] = $uid;
}
$cases = require __DIR__ . '/cases.php';
$ids = array();
$gmt = function($local) { return get_gmt_from_date($local); };
foreach ($cases as $key=>$c) {
  $cat_ids = array();
  foreach ($c['cats'] as $cn) { $t = term_exists($cn, 'category'); if (!$t) $t = wp_insert_term($cn, 'category'); $cat_ids[] = (int)$t['term_id']; }
  $content = file_get_contents(__DIR__ . "/posts/$key.html");
  $id = wp_insert_post(wp_slash(array(
    'post_title'=>$c['title'], 'post_name'=>$c['slug'], 'post_content'=>rtrim($content, "\n"), 'post_status'=>'publish',
    'post_type'=>'post', 'post_author'=>$authors[$c['author']], 'post_date'=>$c['date'], 'post_date_gmt'=>$gmt($c['date']),
    'post_category'=>$cat_ids, 'tags_input'=>$c['tags'], 'comment_status'=>'open',
  )), true);
  if (is_wp_error($id)) { fwrite(STDERR, "$key: ".$id->get_error_message()."\n"); exit(1); }
  $wpdb->update($wpdb->posts, array('post_modified'=>$c['modified'], 'post_modified_gmt'=>$gmt($c['modified'])), array('ID'=>$id));
  clean_post_cache($id);
  $ids[$key] = $id;
  $commenters = array(array('Marc Lemoine', 'Merci pour cet entretien, très inspirant pour notre propre association !'),
                      array('Sabine', 'Est-ce que vous accompagnez aussi les collectifs qui démarrent ?'));
  for ($i = 0; $i < $c['comments']; $i++) {
    $d = date('Y-m-d H:i:s', strtotime($c['date']) + 86400 * (2 + $i) + 3600 * 3);
    wp_insert_comment(array('comment_post_ID'=>$id, 'comment_author'=>$commenters[$i][0], 'comment_author_email'=>'lecteur'.$i.'@example.invalid',
      'comment_content'=>$commenters[$i][1], 'comment_approved'=>1, 'comment_date'=>$d, 'comment_date_gmt'=>$gmt($d)));
  }
}
// a page + menu + widgets (classic theme uses them; block themes have their own parts)
$about = wp_insert_post(array('post_title'=>'À propos', 'post_name'=>'a-propos', 'post_type'=>'page', 'post_status'=>'publish',
  'post_content'=>"Réseau Solidaire Test est un carnet fictif consacré à l'économie sociale et solidaire.", 'post_author'=>$authors['redaction']));
$menu = wp_create_nav_menu('Menu principal');
wp_update_nav_menu_item($menu, 0, array('menu-item-title'=>'Accueil', 'menu-item-url'=>home_url('/'), 'menu-item-status'=>'publish', 'menu-item-type'=>'custom'));
$icat = get_term_by('name', 'Interviews', 'category');
wp_update_nav_menu_item($menu, 0, array('menu-item-object-id'=>$icat->term_id, 'menu-item-object'=>'category', 'menu-item-type'=>'taxonomy', 'menu-item-status'=>'publish', 'menu-item-title'=>'Interviews'));
wp_update_nav_menu_item($menu, 0, array('menu-item-object-id'=>$about, 'menu-item-object'=>'page', 'menu-item-type'=>'post_type', 'menu-item-status'=>'publish'));
update_option('esswp_menu_id', $menu);
update_option('widget_block', array(
  2 => array('content'=>'<!-- wp:search {"label":"Rechercher","buttonText":"Rechercher"} /-->'),
  3 => array('content'=>'<!-- wp:group --><div class="wp-block-group"><!-- wp:heading --><h2 class="wp-block-heading">Derniers entretiens</h2><!-- /wp:heading --><!-- wp:latest-posts /--></div><!-- /wp:group -->'),
  4 => array('content'=>'<!-- wp:paragraph --><p>Vous portez un projet solidaire ? Écrivez-nous : redaction@example.invalid</p><!-- /wp:paragraph -->'),
  '_multiwidget'=>1));
update_option('sidebars_widgets', array('wp_inactive_widgets'=>array(), 'sidebar-1'=>array('block-2','block-3','block-4'), 'array_version'=>3));
flush_rewrite_rules(false);
file_put_contents(WORK . '/ids.json', json_encode($ids, JSON_PRETTY_PRINT));
echo "installed ".get_bloginfo('version')." ids: ".json_encode($ids)."\n";
