# Every page's frame: the header, the footer and the language switcher.
site-description = フェスティバル、コンサート、お笑い、食、ものづくりなど、地元ならではのイベントのチケット。カードでも暗号資産でも支払えます。
skip-to-content = 本文へスキップ
brand-home = Tessera ホーム
search-label = イベントを検索
search-placeholder = イベント、都市、会場を検索
search-button = 検索
nav-account = アカウント
nav-admin = 管理
nav-door = 入場受付
nav-log-in = ログイン
nav-sign-up = 新規登録
footer-tagline = Tessera — 地元ならではのイベントのチケット。カード、ビットコイン、ETH やステーブルコインで支払えます。
footer-api = API
language-switcher = 言語

# The home page and the search page.
home-title = Tessera — 地元のイベント、本物のチケット
home-heading = つくり手から直接届く、地元のイベント
home-intro = モウラリアのファド、京都の茶会、ケープタウンのソッキー。都市を選んで、今夜の予定を見つけ、カードか暗号資産で支払いましょう。
home-upcoming = 開催予定のイベント
home-empty-heading = 条件に合うイベントはありません
home-empty-filtered-html = 都市、カテゴリー、日付を変えてみるか、<a href="/">今後のイベントをすべて見る</a>ことができます。
home-empty-none = 現在販売中のイベントはありません。また近いうちにご覧ください。
search-title = 検索
search-heading = イベントを検索
search-heading-query = 「{ $query }」に一致するイベント
search-corrected = 「{ $query }」の検索結果を表示しています。
search-empty-heading = イベントが見つかりません
search-empty-html = 言葉を減らすか別の表記で試すか、<a href="/">今後のイベントをすべて見る</a>ことができます。
search-results = 検索結果

# The filters above the listing.
filters-label = イベントを絞り込む
filters-city = 都市
filters-all-cities = すべての都市
filters-category = カテゴリー
filters-all-categories = すべてのカテゴリー
filters-from = 開始日
filters-to = 終了日
filters-max-price = 上限価格
filters-max-price-any = 指定なし
filters-max-price-hint = 25 や 25.50 のような金額（イベントの通貨で）
filters-submit = イベントを表示
pager-label = ページ
pager-first = ← 最初のページ
pager-next = 次のページ →
card-cancelled = 中止
error-back = イベント一覧に戻る

# Event categories.
category-festival = フェスティバル
category-concert = コンサート
category-comedy = お笑い
category-theatre = 演劇
category-food = 食とお酒
category-workshop = ワークショップ
category-tour = ツアー
category-exhibition = 展覧会
category-market = マーケット
category-dance = ダンス

# An event's card and its own page.
card-from-price = { $price } から
event-map = 地図
event-tags = タグ
event-tickets = チケット
event-cancelled-notice = このイベントは中止になりました。チケットは販売していません。
event-ended = このイベントは終了しました。
event-no-tickets = チケットはまだありません。
event-buy = チケットを購入
