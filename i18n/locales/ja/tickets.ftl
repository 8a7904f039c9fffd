## Tickets: the ticket email and the PDF, in the language the buyer bought in

ticket-free = 無料
ticket-document-title = チケット：{ $title }
ticket-heading = TESSERA · 入場券
ticket-of = { $count }枚中{ $number }枚目
ticket-starts = { $date } { $time }（{ $zone }）
ticket-type-label = 券種
ticket-holder-label = 名義
ticket-price-label = お支払い金額
ticket-order-label = 注文番号
ticket-serial-label = シリアル番号
ticket-door-note = 入口でこのページを、印刷するかスマートフォンの画面でご提示ください。QRコードで入場できるのはお一人様1回限りです。QRコードはTesseraが署名し、読み取り時に確認するため、コピーで再入場することはできません。名義人ご本人の写真付き身分証明書をお持ちください。
email-tickets-subject = { $event }のチケット
email-hello = { $name } 様
email-tickets-attached = チケット{ $count }枚をPDFでこのメールに添付しました。
email-when-label = 日時：
email-where-label = 会場：
email-bring-heading = 当日お持ちいただくもの
email-bring-pdf = PDF（印刷またはスマートフォンで表示）：各ページのQRコードで、お一人様1回限り入場できます。
email-bring-id = チケット記載のお名前の写真付き身分証明書。
email-download-button = チケットをダウンロード
email-download-expires = ログイン不要です。リンクは{ $date }まで有効です。
email-download-again = チケットの再ダウンロード（ログイン不要、{ $date }まで有効）：
email-order-label = 注文番号
email-your-order = ご注文 { $reference }：
email-see-you = 当日お会いできるのを楽しみにしています。
