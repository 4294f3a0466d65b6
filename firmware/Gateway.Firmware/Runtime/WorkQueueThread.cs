using System;
using System.Collections;
using System.Threading;
using Gateway.Core.Runtime;

namespace Gateway.Firmware.Runtime
{
    /// <summary>
    /// One worker thread that runs queued work items in order. The adapters put every blocking
    /// nanoFramework call on one of these (GATT calls block 7–20 s, MQTT Connect up to 30 s, a P-256
    /// scalar multiplication about a second; nanoframework.md §1.5, §3) and post the results back to
    /// the scheduler, so the core's thread never blocks. An exception thrown by a work item is
    /// logged (type only: messages of platform exceptions may carry data) and the loop goes on.
    /// </summary>
    public sealed class WorkQueueThread
    {
        private readonly string _name;
        private readonly ILog _log;
        private readonly Queue _queue = new Queue();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private Thread _thread;

        public WorkQueueThread(string name, ILog log)
        {
            _name = name;
            _log = log;
        }

        /// <summary>Items waiting (not counting the one running).</summary>
        public int Pending
        {
            get
            {
                lock (_queue)
                {
                    return _queue.Count;
                }
            }
        }

        /// <summary>True while called from this worker's own thread.</summary>
        public bool IsCurrentThread
        {
            get { return _thread != null && Thread.CurrentThread.ManagedThreadId == _thread.ManagedThreadId; }
        }

        public void Start()
        {
            if (_thread != null)
            {
                return;
            }

            _thread = new Thread(Loop);
            _thread.Start();
        }

        /// <summary>Queues <paramref name="work"/>; callable from any thread.</summary>
        public void Enqueue(Action work)
        {
            if (work == null)
            {
                throw new ArgumentNullException("work");
            }

            lock (_queue)
            {
                _queue.Enqueue(work);
            }

            _signal.Set();
        }

        private void Loop()
        {
            while (true)
            {
                Action work = null;
                lock (_queue)
                {
                    if (_queue.Count > 0)
                    {
                        work = (Action)_queue.Dequeue();
                    }
                }

                if (work == null)
                {
                    _signal.WaitOne();
                    continue;
                }

                try
                {
                    work();
                }
                catch (Exception e)
                {
                    _log.Write(LogLevel.Error, _name, "work item threw " + ((object)e).GetType().Name);
                }
            }
        }
    }
}
