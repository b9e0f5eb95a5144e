#!/bin/bash
# A real WordPress (Debian's packages: MariaDB, PHP's built-in server) on loopback only, at
# http://127.0.0.1:8088: installs it in $ESS_WP_DIR (default /tmp/ess-wordpress), loads the
# invented posts of posts/ (content.php, cases.php), switches through every installed theme and
# dumps each post's page, its REST object and its expected record to $ESS_WP_DIR/cases/<theme>/
# (dump.php). Re-runnable; needs root for apt-get. Nothing reaches a host that is not loopback
# (WP_HTTP_BLOCK_EXTERNAL, no cron, no updates, a must-use plugin refusing other hosts).
set -e
SRC=$(cd "$(dirname "$0")" && pwd)
H=${ESS_WP_DIR:-/tmp/ess-wordpress}
export ESS_WP_DIR=$H
mkdir -p $H
cd $H

if ! dpkg -s wordpress >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y wordpress mariadb-server php-cli php-mysql php-xml php-mbstring \
    $(apt-cache search wordpress-theme | awk '{print $1}')
fi

# --- MariaDB on loopback only ---
if ! mysqladmin ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  (setsid mysqld_safe --bind-address=127.0.0.1 > $H/mysqld.log 2>&1 &)
  for i in $(seq 30); do mysqladmin ping >/dev/null 2>&1 && break; sleep 1; done
fi
mysql -uroot <<'SQL'
DROP DATABASE IF EXISTS esswpwp;
CREATE DATABASE esswpwp CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'esswp'@'127.0.0.1' IDENTIFIED BY 'esswppass';
CREATE USER IF NOT EXISTS 'esswp'@'localhost' IDENTIFIED BY 'esswppass';
GRANT ALL ON esswpwp.* TO 'esswp'@'127.0.0.1';
GRANT ALL ON esswpwp.* TO 'esswp'@'localhost';
FLUSH PRIVILEGES;
SQL

# --- WordPress copy ---
rm -rf $H/wp
cp -rL /usr/share/wordpress $H/wp
rm -f $H/wp/.htaccess
cat > $H/wp/wp-config.php <<'PHP'
<?php
define('DB_NAME', 'esswpwp');
define('DB_USER', 'esswp');
define('DB_PASSWORD', 'esswppass');
define('DB_HOST', '127.0.0.1');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('AUTH_KEY', 'esswp-a'); define('SECURE_AUTH_KEY', 'esswp-b'); define('LOGGED_IN_KEY', 'esswp-c'); define('NONCE_KEY', 'esswp-d');
define('AUTH_SALT', 'esswp-e'); define('SECURE_AUTH_SALT', 'esswp-f'); define('LOGGED_IN_SALT', 'esswp-g'); define('NONCE_SALT', 'esswp-h');
$table_prefix = 'wp_';
define('WP_HOME', 'http://127.0.0.1:8088');
define('WP_SITEURL', 'http://127.0.0.1:8088');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
define('WPLANG', 'fr_FR');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
if ( ! defined('ABSPATH') ) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
PHP
# mu-plugin: belt and braces against any outgoing HTTP, no update checks
mkdir -p $H/wp/wp-content/mu-plugins
cat > $H/wp/wp-content/mu-plugins/esswp-offline.php <<'PHP'
<?php
add_filter('pre_http_request', function($pre, $args, $url){
  $h = parse_url($url, PHP_URL_HOST);
  if ($h !== '127.0.0.1' && $h !== 'localhost') return new WP_Error('esswp_blocked', 'external HTTP blocked');
  return $pre; }, 1, 3);
add_filter('pre_site_transient_update_core', '__return_null');
add_filter('pre_site_transient_update_plugins', '__return_null');
add_filter('pre_site_transient_update_themes', '__return_null');
remove_action('init', 'wp_schedule_update_checks');
add_filter('wp_resource_hints', function($u, $r){ return $r === 'dns-prefetch' ? array() : $u; }, 10, 2);
PHP
cat > $H/router.php <<'PHP'
<?php
$root = __DIR__ . '/wp';
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && file_exists($root . $path) && !is_dir($root . $path)) return false;
if (is_dir($root . $path) && file_exists($root . rtrim($path, '/') . '/index.php')) { return false; }
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
PHP

# --- PHP built-in server ---
if [ -f $H/php-server.pid ] && kill -0 $(cat $H/php-server.pid) 2>/dev/null; then kill $(cat $H/php-server.pid); sleep 1; fi
(setsid php -S 127.0.0.1:8088 -t $H/wp $H/router.php > $H/php-server.log 2>&1 & echo $! > $H/php-server.pid)
sleep 1

# child theme (not Debian's): Twenty Twenty-One that also prints the modified date, so
# at least one theme has "modified" on the page (<time class="updated">, text and meta).
C=$H/wp/wp-content/themes/esswp-tt1-modified; mkdir -p $C
cat > $C/style.css <<'CSS'
/*
Theme Name: HO18 TT1 avec date de mise à jour
Template: twentytwentyone
Version: 1.0
*/
CSS
cat > $C/functions.php <<'PHP'
<?php
add_action('wp_enqueue_scripts', function(){ wp_enqueue_style('twenty-twenty-one-parent', get_template_directory_uri() . '/style.css'); });
function twenty_twenty_one_posted_on() {
  echo '<span class="posted-on">Publié le <time class="entry-date published" datetime="' . esc_attr(get_the_date(DATE_W3C)) . '">' . esc_html(get_the_date()) . '</time></span> ';
  echo '<span class="updated-on">Mis à jour le <time class="updated" datetime="' . esc_attr(get_the_modified_date(DATE_W3C)) . '">' . esc_html(get_the_modified_date()) . '</time></span>';
}
add_action('wp_head', function(){ if (is_singular('post')) echo '<meta property="article:modified_time" content="' . esc_attr(get_the_modified_date(DATE_W3C)) . '" />' . "\n"; });
PHP

# --- install + content ---
php $SRC/content.php
# --- dumps ---
php $SRC/dump.php
echo done
