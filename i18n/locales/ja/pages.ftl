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
home-empty-filtered-html = 都市、カテゴリー、日付を変えてお試しいただくか、<a href="/">今後のイベントをすべてご覧ください</a>。
home-empty-none = 現在販売中のイベントはありません。また近いうちにご覧ください。
search-title = 検索
search-heading = イベントを検索
search-heading-query = 「{ $query }」に一致するイベント
search-corrected = 「{ $query }」の検索結果を表示しています。
search-empty-heading = イベントが見つかりません
search-empty-html = 言葉を減らすか別の表記でお試しいただくか、<a href="/">今後のイベントをすべてご覧ください</a>。
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
card-from-price = { $price }〜
event-map = 地図
event-tags = タグ
event-tickets = チケット
event-cancelled-notice = このイベントは中止になりました。チケットは販売していません。
event-ended = このイベントは終了しました。
event-no-tickets = チケットはまだありません。
event-buy = チケットを購入

# Logging in, signing up, the account page and the pages of the emailed links.
login-title = ログイン
form-email = メールアドレス
form-password = パスワード
login-forgot = パスワードをお忘れですか？
login-new-html = はじめての方は<a href="/signup">アカウントを作成</a>してください。
signup-title = アカウントを作成
signup-intro = チケットを購入し、あとからアカウントで確認できます。
signup-name = お名前
signup-name-hint = （チケットに記載されます）
password-hint = （10 文字以上）
signup-submit = アカウントを作成
signup-have-account-html = すでにアカウントをお持ちの方は<a href="/login">ログイン</a>してください。
account-title = アカウント
account-unverified = メールアドレスの確認をお願いします。{ $email } にリンクをお送りしました。確認が済むとチケットを購入でき、チケットはこのアドレスにお送りします。
account-resend = リンクを再送する
account-name = お名前
account-role = 役割
account-role-admin-html = 管理者 — <a href="/admin/events">イベントを管理</a>
account-role-door-html = 入場受付 — <a href="/admin/checkin">チケットを確認</a>
account-orders = ご注文
account-no-orders-html = まだ注文はありません。<a href="/">イベントを探す</a>
account-order-tickets = チケット { $count } 枚
account-order-placed = { $when } に注文
account-download = チケットをダウンロード（PDF）
account-change-password = パスワードを変更
account-current-password = 現在のパスワード
account-new-password = 新しいパスワード
account-change-submit = パスワードを変更
account-log-out = ログアウト
link-reset-hint = 新しいパスワードを設定するためのリンクをメールでお送りします。リンクは 1 回限り、1 時間有効です。
link-reset-submit = リンクを送信
link-back-to-login = ログインに戻る
link-signed-out-hint = このアカウントにログインしているすべての端末からログアウトされます。
link-save-password = 新しいパスワードを保存
link-your-password = パスワード
link-confirm-submit = メールアドレスを確認する
link-not-yours-html = ご自身のアカウントではない場合や、パスワードをお忘れの場合は、<a href="/forgot-password">新しいパスワードを設定するリンクを受け取れます</a>。

# Buying tickets.
buy-title = チケットを購入
buy-unverified = ご購入の前にメールアドレスの確認をお願いします。チケットはそのアドレスにお送りします。お送りしたメールのリンクをご利用ください。
buy-ticket = チケット
buy-price = 価格
buy-quantity = 枚数
buy-sold-out = 完売
buy-only-left = 残り { $count } 枚
buy-pay-with = お支払い方法
buy-per-order = 1 回のご注文につき { $count } 枚まで。
buy-held = お支払いの間、チケットを { $minutes } 分間確保します。
buy-held-crypto = お支払いの間、チケットを { $minutes } 分間確保します（暗号資産の場合はレートが保証される { $crypto } 分間）。
buy-sandbox-html = カード決済は<strong>サンドボックス</strong>で行われます。実際のお金は動きません。
buy-continue = お支払いへ進む
method-card = カード
method-btc = ビットコイン
method-lightning = ビットコイン（ライトニング）
method-eth = イーサ
method-usdc = USDC
method-usdt = USDT
method-eurc = EURC
# A crypto asset on one of several chains: "USDC on Base".
method-on-chain = { $chain } の { $method }

# Error pages.
error-title-not-found = ページが見つかりません
error-title-forbidden = アクセスできません
error-title-slow-down = 少し時間をおいてください
error-title-failed = うまくいきませんでした
error-title-busy = ただいま混み合っています
error-title-conflict = ご利用いただけません
error-title-gone = 現在は提供されていません
error-title-payments = 決済を利用できません
error-title-generic = 問題が発生しました
error-not-found = ページが見つかりませんでした。イベントが移動したか、終了した可能性があります。

## When an event happens, on its own clock

event-when-one-day = { $date } { $start }～{ $end }
event-when-days = { $date } { $start }～{ $end_date } { $end }

## An event in its own language, and in the reader's

event-translated = 主催者による翻訳です（原文：{ $language }）。
event-show-original = 原文を表示（{ $language }）
event-show-translation = 翻訳を表示（{ $language }）
event-add-calendar = カレンダーに追加（.ics）
your-time = （現在地の時刻：{ $time }）
card-distance = { $km } km 先
filters-near-me = 現在地の近く
filters-near-me-asking = 現在地を確認しています…
filters-near-me-refused = ブラウザから現在地を取得できませんでした。代わりに都市を選んでください。
filters-near-me-failed = 現在地を取得できませんでした。もう一度お試しいただくか、都市を選んでください。
filters-anywhere = 場所を指定しない ×
event-related-nearby = 近くで開催されるイベント
event-related-same-kind = 同じジャンルのイベント
event-related-also-bought = このイベントの購入者はこちらも予約しています

## Search suggestions
suggest-list-label = 検索候補
suggest-heading-events = イベント
suggest-heading-cities = 都市
suggest-heading-categories = カテゴリー
suggest-available = 下に候補があります。上下の矢印キーで選び、Enter キーで開きます。
suggest-none = 候補はありません。
suggest-events-count = { $count } 件のイベント

## City pages and maps
city-title = { $city }のイベント
city-intro = { $country }・{ $city }で開催予定のイベントは{ $count }件です。
city-neighbourhoods = 地区
city-all-neighbourhoods = すべての地区
city-empty = ここでは今のところ予定されているイベントはありません。別の地区か、市全体をご覧ください。
city-link = { $city }のほかのイベント
map-show = 地図で見る
map-label = ここに並ぶイベントの地図です。各マーカーからそのイベントに移動できます。

map-hide = 地図を隠す
map-zoom-in = 拡大
map-zoom-out = 縮小
map-move-hint = 地図はドラッグか矢印キーで動かせます。

account-home-heading = お住まいの地域
account-home-ask = 初めてのご購入ありがとうございます。お住まいはどちらですか？任意で、お尋ねするのは一度だけです。主催者があなたの街でイベントを開くための参考にするだけで、他の目的には使いません。
account-home-hint = 任意：主催者があなたの街でイベントを開く参考になります。両方を空欄にすると削除されます。
account-home-country = 国
account-home-city = 都市
account-home-save = 保存
account-home-decline = 答えない

waitlist-heading = キャンセル待ち
waitlist-intro = 売り切れですか？キャンセル待ちに登録できます。チケットに空きが出ると、次の方にメールでお知らせし、しばらくお取り置きします。お支払いがなければ、その次の方へ回ります。
waitlist-join = { $ticket } のキャンセル待ちに登録
waitlist-in-line = { $ticket } × { $quantity } のキャンセル待ち { $position } 番目です。
waitlist-offered = 空きが出ました。{ $ticket } × { $quantity } をお取り置きしています。
waitlist-pay = 支払う
waitlist-leave = キャンセル待ちをやめる
waitlist-joined = キャンセル待ちに登録しました。空きが出たらメールでお知らせします。
waitlist-left = キャンセル待ちをやめました。
waitlist-not-sold-out = このチケットはまだ販売中です。上から購入できます。
waitlist-already = このキャンセル待ちにはすでに登録済みです。
waitlist-quantity = 1〜10枚の範囲で選んでください。
waitlist-method = お支払い方法を選んでください。
waitlist-no-type = そのチケット種別はこのイベントでは販売していません。

interest-title = お知らせを受け取る
interest-intro = まだ見つかりませんか？探しているものを登録すると、条件に合うイベントが公開されたときに一度だけメールでお知らせします。
interest-ask = このような催しが決まったら知らせる
interest-words = キーワード
interest-save = 登録する
interest-yours = お知らせ待ちの条件
interest-any-city = すべての都市
interest-any-category = すべての種類
interest-answered = { $when } にお知らせ済み
interest-remove = 登録を取り消す
interest-saved = 登録しました。条件に合うイベントが公開されたら一度だけお知らせします。
interest-removed = 取り消しました。
account-delete-heading = アカウントの削除
account-delete-hint = アカウントと、記録した閲覧履歴を消去します。チケットは引き続き有効です。
account-delete-start = アカウントを削除する…
account-delete-goes-heading = 削除されるもの
account-delete-goes = アカウントのお名前、メールアドレス、パスワード、お住まいの地域。ログイン中のすべての端末からログアウトされます。あなたのものとして記録された検索と閲覧、「お知らせを受け取る」のリクエスト、キャンセル待ちの順番も削除されます。
account-delete-stays-heading = 残るもの
account-delete-stays = ご注文とそのチケット（印字されたお名前を含む）、お支払いの記録は、経理と入場確認のために保管します。送信済みのチケットは引き続き有効です。ここでは二度と表示されないため、メールの PDF を保存しておいてください。
account-delete-upcoming = これから開催されるイベントのチケットが { $count } 枚あります。
account-delete-password = 確認のためパスワードを入力
account-delete-submit = アカウントを完全に削除する
account-delete-back = アカウントに戻る
account-deleted-heading = アカウントを削除しました
account-deleted-message = あなただけの情報は削除され、すべての端末からログアウトしました。送信済みのチケットは引き続き有効です。Tessera をご利用いただきありがとうございました。
