# Part 2 as a class; the two updates in the other order (syn0 first: it does not matter).
# Its loop is shortened to 3,000 iterations (checked with iterations=3000).
import numpy as np


class Network:
    def __init__(self, hidden):
        np.random.seed(1)
        self.syn0 = 2 * np.random.random((3, hidden)) - 1
        self.syn1 = 2 * np.random.random((hidden, 1)) - 1

    @staticmethod
    def squash(z):
        return 1 / (1 + np.exp(-z))

    def train_step(self, X, y):
        self.hidden = self.squash(X @ self.syn0)
        self.out = self.squash(self.hidden @ self.syn1)
        out_delta = (y - self.out) * self.out * (1 - self.out)
        hidden_delta = (out_delta @ self.syn1.T) * self.hidden * (1 - self.hidden)
        self.syn0 += X.T @ hidden_delta
        self.syn1 += self.hidden.T @ out_delta


X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
y = np.array([[0, 1, 1, 0]]).T
net = Network(4)
for epoch in range(3000):
    net.train_step(X, y)
    if epoch % 1000 == 0:
        print(epoch, np.mean(np.abs(y - net.out)))
print(net.out)
