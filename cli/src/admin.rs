//! `tessera admin create --email E`: the only way to make an admin.

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use anyhow::{Context as _, bail};
use tessera_core::account::{self, DisplayName, Email, NewPassword};
use tessera_core::config::Config;

/// Creates an admin account; with `promote`, makes the existing account with this email an
/// admin instead (new password, every old session ended). The password is read from standard
/// input: typed at a prompt (twice, not echoed where the terminal allows) or piped in as the
/// first line.
pub async fn create(config: &Config, email: &str, name: Option<&str>, promote: bool) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|err| anyhow::anyhow!("--email {}", err.message))?;
    let name =
        DisplayName::parse(name.unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("Admin")))
            .map_err(|err| anyhow::anyhow!("--name {}", err.message))?;
    let password = read_password()?;
    let password = NewPassword::parse("password", &password)
        .map_err(|err| anyhow::anyhow!("password {}", err.message))?;

    let db = tessera_core::db::connect_lazy(config)?;
    let hash = tokio::task::spawn_blocking(move || account::hash_password(password.expose())).await?;
    match account::create_account(&db, &email, &name, &hash, account::Role::Admin, true).await {
        Ok(admin) => {
            println!("created admin {} ({})", admin.email, admin.id);
            Ok(())
        }
        Err(account::AccountError::EmailTaken) if promote => {
            let admin = account::promote_to_admin(&db, &email, &hash)
                .await
                .context("cannot reach Postgres at DATABASE_URL")?
                .context("the account disappeared while promoting it")?;
            println!("{} is now an admin; its password was replaced and its sessions ended", admin.email);
            Ok(())
        }
        Err(account::AccountError::EmailTaken) => bail!(
            "an account with email {} already exists; check it is the right person, then run again \
             with --promote to make it an admin (its password is replaced and its sessions end)",
            email.as_str()
        ),
        Err(account::AccountError::Database(err)) => {
            Err(err).context("cannot reach Postgres at DATABASE_URL")
        }
    }
}

fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line).context("reading the password from standard input")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = prompt("Password (at least 10 characters): ")?;
    let second = prompt("Same password again: ")?;
    if first != second {
        bail!("the two passwords differ");
    }
    Ok(first)
}

/// Prompts on the terminal with echo turned off (`stty`), restoring it afterwards.
fn prompt(label: &str) -> anyhow::Result<String> {
    eprint!("{label}");
    std::io::stderr().flush().ok();
    let stty = |arg: &str| {
        std::process::Command::new("stty").arg(arg).stdin(std::process::Stdio::inherit()).status()
    };
    let hidden = stty("-echo").is_ok_and(|status| status.success());
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    if hidden {
        stty("echo").ok();
        eprintln!();
    }
    read.context("reading the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
