namespace FanOut.Storage.Queues;

/// <summary>Clients for any queue of the configured storage account (the local listener needs the delivery and poison queues).</summary>
public interface IQueueClientFactory
{
    QueueClient GetQueue(string queueName);
}
