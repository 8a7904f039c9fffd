//! Batching: many callers' small statements on the busiest paths become one statement.
//!
//! A [`Batcher`] has one task that takes every input that arrived while its previous batch ran
//! and hands them to its batch function at once; each caller gets its own output back. Nobody
//! waits for a batch to fill: when requests are rare, a batch is one input and costs one
//! channel hop more than the statement itself; when they crowd in, hundreds share one round
//! trip, one statement and one commit. Every input of a batch arrived before the batch's
//! statement began, so a caller sees at least everything committed before it asked.

use std::future::Future;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

/// The most inputs one batch takes.
pub const MAX_BATCH: usize = 256;

/// Why a caller's batch gave no answer for its input. Every caller of a batch that failed as a
/// whole gets the same error.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BatchError {
    /// The batch's statement failed.
    #[error("batch {batch} failed: {source}")]
    Db {
        batch: &'static str,
        #[source]
        source: Arc<sqlx::Error>,
    },
    /// The batch function broke its contract: one answer per input, in order.
    #[error("batch {batch} answered {answers} times for {inputs} inputs")]
    Miscounted { batch: &'static str, answers: usize, inputs: usize },
    /// The batch panicked or was cancelled; the next batch still runs.
    #[error("batch {batch} did not finish: {cause}")]
    Unfinished { batch: &'static str, cause: String },
    /// The batch task is gone (the runtime is shutting down).
    #[error("batch {0} is not running")]
    Stopped(&'static str),
}

impl BatchError {
    /// Whether the batch waited for a database connection in vain: the database is
    /// overloaded, not broken, and the caller may try again.
    pub fn is_pool_timeout(&self) -> bool {
        matches!(self, BatchError::Db { source, .. } if matches!(**source, sqlx::Error::PoolTimedOut))
    }
}

struct Job<I, O> {
    input: I,
    reply: oneshot::Sender<Result<O, BatchError>>,
}

/// Sends inputs to the batch task; cheap to clone. The task ends when the last clone is
/// dropped.
pub struct Batcher<I, O> {
    jobs: mpsc::Sender<Job<I, O>>,
    name: &'static str,
}

impl<I, O> Clone for Batcher<I, O> {
    fn clone(&self) -> Self {
        Batcher { jobs: self.jobs.clone(), name: self.name }
    }
}

impl<I, O> std::fmt::Debug for Batcher<I, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batcher").field("name", &self.name).finish_non_exhaustive()
    }
}

impl<I: Send + 'static, O: Send + 'static> Batcher<I, O> {
    /// Starts the batch task on the current Tokio runtime. `run` answers one output per input,
    /// in order; if it fails, every caller of the batch gets its error.
    pub fn start<F, Fut>(name: &'static str, run: F) -> Self
    where
        F: Fn(Vec<I>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = sqlx::Result<Vec<O>>> + Send + 'static,
    {
        let (jobs, queue) = mpsc::channel(4 * MAX_BATCH);
        tokio::spawn(run_batches(name, queue, run));
        Batcher { jobs, name }
    }

    /// The output for `input`, from the next batch.
    pub async fn call(&self, input: I) -> Result<O, BatchError> {
        let (reply, output) = oneshot::channel();
        self.jobs.send(Job { input, reply }).await.map_err(|_| BatchError::Stopped(self.name))?;
        output.await.map_err(|_| BatchError::Stopped(self.name))?
    }
}

async fn run_batches<I, O, F, Fut>(name: &'static str, mut queue: mpsc::Receiver<Job<I, O>>, run: F)
where
    F: Fn(Vec<I>) -> Fut,
    Fut: Future<Output = sqlx::Result<Vec<O>>> + Send + 'static,
    O: Send + 'static,
{
    let mut jobs = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut jobs, MAX_BATCH).await > 0 {
        // A caller who went away (its request was dropped) is left out.
        let (inputs, replies): (Vec<I>, Vec<_>) =
            jobs.drain(..).filter(|job| !job.reply.is_closed()).map(|job| (job.input, job.reply)).unzip();
        if inputs.is_empty() {
            continue;
        }
        let count = inputs.len();
        // On a task of its own, so that a batch that panics answers its callers with an error
        // and the next batch still runs.
        match tokio::spawn(run(inputs)).await {
            Ok(Ok(outputs)) if outputs.len() == count => {
                for (reply, output) in replies.into_iter().zip(outputs) {
                    let _ = reply.send(Ok(output));
                }
            }
            Ok(Ok(outputs)) => {
                let err = BatchError::Miscounted { batch: name, answers: outputs.len(), inputs: count };
                tracing::error!(error = %err, "a batch went wrong");
                answer_all(replies, &err);
            }
            Ok(Err(err)) => {
                tracing::error!(error = %err, batch = name, inputs = count, "a batch failed");
                answer_all(replies, &BatchError::Db { batch: name, source: Arc::new(err) });
            }
            Err(unfinished) => {
                let err = BatchError::Unfinished { batch: name, cause: unfinished.to_string() };
                tracing::error!(error = %err, "a batch went wrong");
                answer_all(replies, &err);
            }
        }
    }
}

fn answer_all<O>(replies: Vec<oneshot::Sender<Result<O, BatchError>>>, err: &BatchError) {
    for reply in replies {
        let _ = reply.send(Err(err.clone()));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use super::*;

    /// A batcher that multiplies by ten, records its batches' sizes and holds each batch until
    /// the gate opens.
    fn times_ten(
        sizes: Arc<Mutex<Vec<usize>>>,
        gate: tokio::sync::watch::Receiver<bool>,
    ) -> Batcher<u32, u32> {
        Batcher::start("test", move |inputs: Vec<u32>| {
            let (sizes, mut gate) = (sizes.clone(), gate.clone());
            async move {
                sizes.lock().unwrap().push(inputs.len());
                gate.wait_for(|open| *open).await.ok();
                if inputs.contains(&0) {
                    return Err(sqlx::Error::PoolTimedOut);
                }
                Ok(inputs.iter().map(|i| i * 10).collect())
            }
        })
    }

    #[tokio::test]
    async fn callers_arriving_while_a_batch_runs_share_the_next_and_each_gets_its_answer() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let (open, gate) = tokio::sync::watch::channel(false);
        let batcher = times_ten(sizes.clone(), gate);
        let call = |i: u32| {
            let batcher = batcher.clone();
            tokio::spawn(async move { batcher.call(i).await })
        };
        let first = call(1);
        tokio::time::sleep(Duration::from_millis(20)).await;
        let rest: Vec<_> = (2..=5).map(call).collect();
        // Someone who gave up before the batch ran is left out of it.
        let gone = call(6);
        tokio::time::sleep(Duration::from_millis(20)).await;
        gone.abort();
        tokio::time::sleep(Duration::from_millis(20)).await;
        open.send_replace(true);

        assert_eq!(first.await.unwrap().unwrap(), 10);
        for (i, answer) in (2..).zip(rest) {
            assert_eq!(answer.await.unwrap().unwrap(), i * 10);
        }
        assert_eq!(*sizes.lock().unwrap(), [1, 4]);
    }

    #[tokio::test]
    async fn a_batch_that_panics_answers_with_an_error_and_the_next_one_runs() {
        let batcher: Batcher<u32, u32> = Batcher::start("panics", |inputs: Vec<u32>| async move {
            assert!(!inputs.contains(&13), "unlucky");
            Ok(inputs)
        });
        assert!(matches!(batcher.call(13).await, Err(BatchError::Unfinished { batch: "panics", .. })));
        assert_eq!(batcher.call(7).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn a_failed_batch_gives_every_caller_its_error() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let (_open, gate) = tokio::sync::watch::channel(true);
        let batcher = times_ten(sizes, gate);
        let (a, b) = tokio::join!(batcher.call(0), batcher.call(7));
        // Both arrived before the batch task ran: one batch, one failure, two answers.
        assert!(a.as_ref().is_err_and(BatchError::is_pool_timeout), "{a:?}");
        assert!(b.as_ref().is_err_and(BatchError::is_pool_timeout), "{b:?}");
    }
}
