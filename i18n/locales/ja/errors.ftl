## Errors people can hit: JSON error messages, form and validation messages, notices

## When to try again, and rate limits
error-retry-second = 1秒後
error-retry-seconds = { $count }秒後
error-retry-minutes = { $count }分後
error-retry-hours = { $count }時間後
error-too-many-logins = ログインの試行回数が多すぎます。{ $when }にもう一度お試しください。
error-too-many-passwords = パスワードの試行回数が多すぎます。{ $when }にもう一度お試しください。
error-too-many-signups = 登録の回数が多すぎます。{ $when }にもう一度お試しください。
error-too-many-emails = メールのリクエストが多すぎます。{ $when }にもう一度お試しください。
error-too-many-resets = パスワード再設定の試行回数が多すぎます。{ $when }にもう一度お試しください。
error-too-many-purchases = 短時間に購入が多すぎます。{ $when }にもう一度お試しください。

## Buying
error-idempotency-key-reused = この Idempotency-Key は別の購入ですでに使われています。新しいキーを使ってください。
error-ticket-limit = このイベントのチケットは、お一人様 { $limit } 枚までご購入いただけます。
error-ticket-limit-already = このイベントのチケットは { $limit } 枚まで確保・購入できます。すでに { $already } 枚お持ちです。
error-too-many-open-orders = 未払いのご注文がすでに { $limit } 件あります。新しいご注文の前に、いずれかをお支払いいただくかキャンセルしてください。
error-sold-out = { $count ->
    [0] { $name }は完売しました。
   *[other] { $name }は残り { $count } 枚です。
}
error-sold-out-short = { $count ->
    [0] { $name }は完売しました。
   *[other] { $name }は残り { $count } 枚です。
}
error-choose-tickets = チケットを選んでください：{ $problem }
error-field-problem = { $field }：{ $problem }
error-event-cancelled = このイベントは中止になりました。チケットは販売していません。
error-event-started = このイベントはすでに始まっています。チケットの販売は終了しました。
error-none-on-sale-yet = このイベントのチケットはまだ販売されていません。
error-idempotency-key = 表示可能な ASCII 文字で 1～255 文字にしてください
error-not-a-ticket-type-here = このイベントのチケット種別ではありません
error-total-too-large = 合計金額が大きすぎます
error-choose-a-ticket = チケットを1枚以上選んでください
error-at-least-one = 1以上にしてください
error-ticket-type-twice = 重複しています。合計枚数を1回だけ指定してください
error-tickets-per-order = 1回のご注文は { $max } 枚までです（{ $total } 枚が指定されました）
error-whole-number-up-to = 1～{ $max } の整数にしてください
error-method-unavailable = ここでは { $method } でのお支払いはご利用いただけません。別のお支払い方法をお選びください。
error-chain-unavailable = ここではそのネットワークでの { $method } はご利用いただけません。別のネットワークかお支払い方法をお選びください。
error-not-cancellable = このご注文はキャンセルできなくなりました（状態：{ $status }）。
error-payment-in-progress = このご注文のお支払いを確認中のため、現在キャンセルできません。
error-rail-switch-closed = このご注文はお支払い待ちではないため、お支払い方法を変更できません。
error-rail-switch-seen = このご注文のお支払いを確認中のため、現在お支払い方法を変更できません。
error-rail-switch-quoted = このご注文には{ $asset }での見積もりが発行されており、取り消せません。{ $wanted }ではなく、{ $asset }、カード、またはビットコインでお支払いください。
error-rail-switch-quote-left = このご注文の{ $asset }での見積もりは別のお支払い方法に切り替えたため、再発行できません。カードまたはビットコインでお支払いください。
error-rail-switch-failed = そのお支払い方法を開けませんでした。請求は発生しておらず、チケットは確保されたままです。もう一度お試しいただくか、別の方法をお選びください。
error-checkout-in-progress = このご注文のお支払いを準備中です。しばらくしてからもう一度お試しください。
error-payment-refused-because = この方法ではお支払いいただけません（{ $reason }）。料金は発生しておらず、確保したチケットは解放されました。
error-payment-refused = 決済サービスがこの購入を受け付けませんでした。料金は発生しておらず、確保したチケットは解放されました。再び起きる場合はお問い合わせください。
error-payment-unavailable = 決済サービスに接続できませんでした。料金は発生しておらず、確保したチケットは解放されました。しばらくしてからもう一度お試しください。
error-payment-unavailable-short = 決済サービスに接続できませんでした。料金は発生していません。もう一度お試しください。

## Refusals and failures
error-invalid-body = リクエストを読み取れませんでした：{ $why }
error-log-in-first = 先にログインしてください。
error-admins-only = この操作には管理者アカウントが必要です。
error-staff-only = この操作には入場係または管理者のアカウントが必要です。
error-page-admins-only = このページは管理者専用です。
error-page-staff-only = このページは入場係と管理者専用です。
error-through-load-balancer = リクエストはロードバランサー経由で送ってください。
error-cross-site = 他のサイトからのリクエストは受け付けていません。
error-email-unverified = 先にメールアドレスの確認をお願いします。お送りしたリンクをご利用いただくか、アカウントページから新しいリンクをご請求ください。
error-method-not-allowed = このアドレスはそのメソッドを受け付けていません。
error-payload-too-large = ファイルが 10 MB を超えています。
error-busy = ただいま大変混み合っています。しばらくしてからもう一度お試しください。
error-internal = こちら側で問題が発生しました。記録済みです。
error-image-format = JPEG・PNG・WebP 形式の画像ではありません
error-image-unreadable = 画像として読み込めませんでした（{ $why }）
error-stale-version = 読み込んだ後に、別の人がこのイベントを保存しました（編集したのはバージョン { $expected }、現在はバージョン { $current }）。再読み込みしてから、もう一度変更してください。
error-event-has-orders = このイベントには注文があるため削除できません。代わりに中止にしてください（ステータス「cancelled」）。販売は止まり、注文は保持されます。

## Not found
error-not-found-account = アカウントが見つかりませんでした。
error-not-found-checkout = 決済画面が見つかりませんでした。
error-not-found-door-staff = その入場係が見つかりませんでした。
error-not-found-download-link = ダウンロードリンクが見つかりませんでした。
error-not-found-event = イベントが見つかりませんでした。
error-not-found-file = ファイルが見つかりませんでした。
error-not-found-invoice = 請求書が見つかりませんでした。
error-not-found-order = ご注文が見つかりませんでした。
error-not-found-payment = お支払いが見つかりませんでした。
error-not-found-receipt = 受領記録が見つかりませんでした。
error-not-found-refund = 返金が見つかりませんでした。
error-not-found-ticket = チケットが見つかりませんでした。
error-not-found-page = このアドレスには何もありません。

## Accounts
error-bad-credentials = メールアドレスまたはパスワードが正しくありません。
error-not-this-accounts-password = このリンクで確認するアカウントのパスワードではありません。
error-link-invalid = このリンクは有効期限が切れているか、すでに使用されています。新しいリンクをご請求ください。
error-not-current-password = 現在のパスワードと一致しません
error-this-field = この項目は{ $problem }。
error-new-password = 新しいパスワードは{ $problem }。
notice-signup-sent = 受信トレイをご確認ください。メールアドレスを確認して登録を完了するためのリンクをお送りしました。
notice-signup-sent-48h = 受信トレイをご確認ください。メールアドレスを確認して登録を完了するためのリンクをお送りしました。リンクの有効期限は48時間です。
notice-reset-sent = このメールアドレスのアカウントがある場合は、新しいパスワードを設定するためのリンクをお送りしました。有効期限は1時間です。
notice-already-confirmed = メールアドレスはすでに確認済みです。
notice-link-sent = メールアドレス確認用の新しいリンクをお送りしました。
notice-check-inbox = 受信トレイをご確認ください
notice-password-changed = パスワードを変更しました。他の端末はログアウトしました。
notice-email-confirmed = ありがとうございます。メールアドレスの確認が完了しました。
notice-confirm-email = メールアドレスの確認
notice-link-confirms = このリンクで { $email } を確認します。登録時に設定したパスワードを入力してください。
notice-ask-new-link = ログインして、アカウントページから新しいリンクをご請求ください。
notice-choose-password = 新しいパスワードの設定

## What is wrong with a field (said after the field's name)
error-no-control-characters = 制御文字を含めないでください
error-no-invisible-characters = 制御文字や見えない書式文字を含めないでください
error-no-nul = NUL 文字を含めないでください
error-required = 必須です
error-min-characters = { $min }文字以上にしてください
error-max-characters = { $max }文字以内にしてください
error-at-most = { $max }以下にしてください
error-at-most-languages = { $max }言語以内にしてください
error-between = { $min }～{ $max } の範囲にしてください
error-not-negative = 負の値にはできません
error-too-large = 大きすぎます
error-appears-twice = 重複しています
error-not-a-time = { $value } は 2026-12-05T21:30:00+00:00 のような日時ではありません
error-not-a-date = { $value } は 2026-12-31 のような日付ではありません
error-not-an-amount = { $value } は 25 や 25.50 のような金額ではありません
error-not-a-limit = { $value } は 1～100 の数ではありません
error-not-a-cursor = この API が発行したカーソルではありません
error-cursor-other-query = 別の検索条件のものです
error-unreadable-query = クエリ文字列を読み取れません：{ $why }
error-not-an-id = { $kind ->
    [order] { $value } は注文 ID（UUID）ではありません
    [account] { $value } はアカウント ID（UUID）ではありません
    [payment] { $value } は支払い ID（UUID）ではありません
    [refund] { $value } は返金 ID（UUID）ではありません
   *[event] { $value } はイベント ID（UUID）ではありません
}
error-not-a-payment-method = { $value } は支払い方法ではありません。card・btc・lightning・eth・usdc・usdt・eurc のいずれかを指定してください
error-not-an-email = ana@example.org のようなメールアドレスではありません

## The event form and the admin API's validation
error-unknown-category = 不明なカテゴリーです。次のいずれかを指定してください：{ $known }
error-unknown-category-named = 不明なカテゴリー { $category } です。次のいずれかを指定してください：{ $known }
error-from-after-to = { $from } が終了日（{ $to }）より後です
error-not-a-country = PT のような ISO 3166-1 の国コードではありません
error-ends-after-start = 開始日時（starts_at）より後にしてください
error-not-a-time-zone = Europe/Lisbon のような IANA タイムゾーンではありません
error-not-a-language = { $example } のような言語コードではありません
error-event-status = draft・published・cancelled のいずれかにしてください
error-name-taken = 別のチケット種別で使われています
error-same-currency = このイベントの他のチケット種別と同じく { $currency } にしてください
error-published-needs-ticket-type = 公開するイベントにはチケット種別が1つ以上必要です
error-currency-required = チケット種別がない間は必須です
error-own-language = イベントの元の言語（{ $language }）です
error-second-translation = 同じ言語への2つ目の翻訳です
error-translation-names = { $names } 件のチケット種別名がありますが、イベントには { $types } 件しかありません
error-currency-change = ticket_types と一緒に、すべての価格を新しい通貨で指定し直す場合にのみ変更できます
error-capacity-below-taken = 販売済み・確保済みの { $taken } 枚より少なくはできません
error-capacity-below-sold = 販売済み・確保済みの枚数より少なくはできません

## Money
error-unknown-currency = { $code } は ISO 4217 の通貨コード（EUR・JPY・CAD など）ではありません
error-card-whole-units = { $currency } のカード決済は { $currency } の整数単位にしてください（Stripe は端数を請求できません）
error-card-three-decimals = { $currency } のカード決済は 0.010 { $currency } の倍数にしてください（小数点以下3桁の通貨に対する Stripe の規則）
error-amount-too-large = 金額が大きすぎます

## Check-in and downloads
error-void-refunded = 返金済みです
error-void-disputed = 支払いに異議が申し立てられています
error-void-event-cancelled = イベントが中止になりました
error-void-voided = 無効になっています
error-checkin-other-event = このチケットは別のイベントのものです：{ $event }
error-checkin-already = { $when } に入場済みです：チケット { $serial }（{ $holder }）
error-checkin-voided = チケット { $serial } では入場できません：{ $why }
error-checkin-void = このチケットの注文は支払い済みではありません（状態：{ $status }）。入場できません。
error-download-expired = このダウンロードリンクは有効期限が切れています。ログインして、アカウントからチケットをダウンロードしてください。
error-tickets-voided = { $reason ->
    [disputed] これらのチケットでは入場できなくなりました。支払いに異議が申し立てられています。返金内容は注文ページでご確認ください。
    [event_cancelled] これらのチケットでは入場できなくなりました。イベントが中止になりました。返金内容は注文ページでご確認ください。
   *[other] これらのチケットでは入場できなくなりました。返金済みです。返金内容は注文ページでご確認ください。
}

## The admin API
error-already-delivered = これらのチケットはすでに送信済みです。
error-delivery-status = { $value } は pending・sent・failed のいずれでもありません
error-refund-not-cancellable = { $status ->
    [succeeded] この返金は完了しているため、キャンセルできません。
    [failed] この返金は失敗したため、キャンセルできません。
    [cancelled] この返金はすでにキャンセルされています。
   *[other] この返金は処理中のため、キャンセルできません。
}
error-refund-status = requested・sent・succeeded・failed・cancelled のいずれかにしてください
error-idempotency-key-required = 必須です（表示可能な ASCII 文字で 1～255 文字）
error-from-after-to-plain = 終了日（to）より後にはできません
error-rail = { $value } は card・btc・eth のいずれでもありません
error-one-of = { $value } は { $known } のいずれでもありません
error-true-or-false = { $value } は true でも false でもありません
error-json-or-csv = { $value } は json でも csv でもありません
error-resolution-note = 対応内容を1～2000文字で記入してください
error-nothing-to-resolve = この受領記録には解決すべき差異がありません。
error-already-resolved = この差異はすでに解決済みです。
error-report-days = レポートの期間は最長 { $max } 日です
error-tickets-or-amount = チケットか金額のどちらか一方を指定してください
error-name-a-ticket = チケットを1枚以上指定してください
error-hours-before = 0～8760 時間にしてください
error-whole-tickets = チケットの枚数は整数にしてください
error-staff-no-account = このメールアドレスのアカウントはありません。先に登録してもらってください。
error-staff-unverified = このアカウントはまだメールアドレスを確認していません。お送りしたリンクを使ってもらってください。
error-staff-is-admin = このアカウントは管理者です。管理者はすでにチケットの入場処理ができます。
error-staff-not-door = このアカウントは入場係ではありません。

## Refunds
error-refund-key-reused = この冪等キーは別の返金で使われています。
error-refund-not-paid = 返金できるのは支払い済みの注文だけです（状態：{ $status }）。
error-refund-too-much = この支払いで返金できる残額を超えています（最小単位で { $left }）。
error-refund-nothing-left = この支払いで受け取った金額は、すべて返金済みか返金処理中です。
error-refund-zero = 金額は0より大きくしてください。
error-refund-unknown-ticket = チケット { $ticket } はこの注文のチケットではありません。
error-refund-ticket-voided = チケット { $serial } はすでに返金済みか無効です。
error-refund-checked-in = チケット { $serial } は入場済みです。返金には管理者による明示的な承認が必要です。
error-refund-not-issued = この注文のチケットは発行中です。1分ほどしてからもう一度お試しください。
error-refund-stock-taken = すべてのチケットを戻すことはできません。返却後に別の人へ販売されました。
error-refund-only-paid = 返金付きでキャンセルできるのは支払い済みの注文だけです。
error-refund-event-cancelled = イベントが中止になりました。お申し出がなくても返金の手続きが進んでいます。
error-refund-no-policy = このイベントの主催者は、お客様都合による返金を受け付けていません。
error-refund-too-late = 返金付きでキャンセルできる期限を過ぎています。
error-refund-free-order = この注文は無料でした。返金するものはありません。
error-refund-cancelled-already = この注文はすでにキャンセル済みです。返金については注文ページをご覧ください。
error-refund-overpaid = 注文金額より多くお支払いいただいています。主催者にご連絡ください。両方をまとめて返金します。
error-refund-partly-refunded = この注文の一部はすでに返金済みです。主催者にお問い合わせください。
error-refund-no-btc-output = この請求書の確定済みビットコイン入金が記録されていません。BTCPay Server で返金してください。
error-refund-no-chain-payment = この注文の確認済みオンチェーン支払いが記録されていません。まだ返金できません。
error-refund-reorged = この注文の支払いは確認後にチェーンから消えました。返金の前に経理の確認が必要です。
error-refund-wrong-token = この注文は見積もりと異なるトークンで支払われました。手動で返金してください。
error-refund-unreadable-btc = この請求書の支払いを読み取れませんでした（/admin/finance を参照）。BTCPay Server で返金するか、読み取れるようになってから返金してください。
error-refund-nothing-due = この支払いで返金すべきものはありません。
error-refund-btc-unsettled = この請求書の確定済みビットコイン入金はまだ記録されていません。確定するまで返金できません。
error-refund-no-reference = この支払いには返金に使える支払い参照がありません。決済サービス側で返金してください。
error-refund-not-stray = 見積もりのない注文 ID への確認済み支払いではありません。代わりに該当する注文を返金してください。
error-refund-unknown-token = Tessera が見積もったことのないトークンで支払われています。返金用ウォレットから手動で返金してください。

## The Ethereum sandbox
error-nothing-to-pay = このご注文に未払いの金額はありません。
error-chain-silent = ローカルチェーンから応答がありませんでした
error-sandbox-could-not-pay = サンドボックスでこの注文を支払えませんでした：{ $why }。ご注文は変わっておらず、チケットは確保されたままです。

## Near a place
error-not-a-place = { $value } は 38.7139,-9.1334 のような場所（緯度,経度）ではありません
error-not-a-radius = { $value } は 0.1～20016 km の距離ではありません
error-radius-without-near = 距離の基準となる場所（near）が必要です
error-distance-without-near = distance には距離の基準となる場所（near）が必要です
error-sort = { $value } は並べ替えに使えません。distance を指定してください

error-tracking-part = 半角英数字・ピリオド・ハイフン・アンダースコアで 60 文字以内にし、先頭は英字か数字にしてください
error-link-exists = このイベントには、同じ参照元・メディア・キャンペーンのリンクがすでにあります
error-market-table = { $value } はレポートの表ではありません。次のいずれかを指定してください：{ $known }

notice-home-saved = 保存しました。ありがとうございます。
notice-home-declined = 承知しました。今後はお尋ねしません。

error-interest-empty = 都市、イベントの種類、キーワードのいずれかを入力してください。

error-interest-words = 探しているものがわかる言葉を入力してください（一般的すぎる言葉では検索できません）。
error-interest-too-many = すでに { $max } 件のお知らせを待っています。先にどれかを取り消してください。
error-delete-staff = 入場スタッフのアカウントはここでは削除できません。先に管理者にスタッフから外してもらってください。
error-delete-unpaid-order = 支払い待ちの注文があります。支払うかキャンセルしてから（または確保期限が切れてから）アカウントを削除してください。
error-delete-refund-under-way = 返金の手続き中か、返金予定のお金があります。受け取った後にアカウントを削除できます。
error-delete-tickets-being-sent = チケットをメールで送信中です。数分後にもう一度お試しください。
error-delete-admin = 管理者アカウントはショップから削除できません。
error-delete-bitcoin-tickets = これから開催されるイベントのチケットをビットコインで支払っています。中止になった場合、返金はメールでお送りするリンクから受け取ります。イベント終了後にアカウントを削除できます。
error-metrics-forbidden = メトリクスは運用者が許可したアドレス（TESSERA_METRICS_FROM）にのみ提供され、ロードバランサー経由では提供されません。
